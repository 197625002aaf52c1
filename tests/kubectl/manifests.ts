// Manifests shared by the get and describe suites: one object of each served kind.
export const OBJECTS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels: {tier: fe}
data:
  color: blue
  size: "3"
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
type: Opaque
stringData:
  user: admin
data:
  pass: c2VjcmV0
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
---
apiVersion: v1
kind: Pod
metadata:
  name: solo
  labels: {app: solo, tier: fe}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: other
  labels: {app: other, tier: be}
spec:
  containers:
  - name: app
    image: nginx:1.25
---
apiVersion: v1
kind: Service
metadata:
  name: solo
spec:
  selector: {app: solo}
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 2
  selector: {app: legacy}
  template:
    metadata:
      labels: {app: legacy}
    spec:
      containers:
      - name: c
        image: nginx:1.25
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: front
spec:
  replicas: 1
  selector:
    matchLabels: {app: front}
  template:
    metadata:
      labels: {app: front}
    spec:
      containers:
      - name: c
        image: nginx:1.25
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
      - name: sidecar
        image: busybox:1.36
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata:
  name: lock
spec:
  holderIdentity: me
  leaseDurationSeconds: 15
---
apiVersion: v1
kind: Endpoints
metadata:
  name: ext
subsets:
- addresses:
  - ip: 10.0.0.1
  - ip: 10.0.0.2
  - ip: 10.0.0.3
  - ip: 10.0.0.4
  ports:
  - port: 80
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ext-abc
  labels: {kubernetes.io/service-name: ext}
addressType: IPv4
endpoints:
- addresses: [10.0.0.1]
- addresses: [10.0.0.2]
ports:
- port: 80
  protocol: TCP
---
apiVersion: v1
kind: Event
metadata:
  name: solo.1
involvedObject:
  kind: Pod
  name: solo
  namespace: default
reason: Testing
message: hello
type: Warning
source:
  component: me
count: 3
firstTimestamp: "2026-11-23T09:00:00Z"
lastTimestamp: "2026-11-23T09:00:00Z"
`;
