// describe of every kind. The text is kubectl's own formatting; what the server must get right
// is the objects (defaults) and the follow-up requests describe makes: events by involvedObject
// field selectors, pods by label selector (rs, rc), ReplicaSets of a Deployment, EndpointSlices of
// a Service (not Endpoints), the node's Lease and its pods by spec.nodeName.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { check, kubectlSuite } from './harness';
import { OBJECTS } from './manifests';

kubectlSuite('kubectl describe', { controllers: false }, (ctx) => {
  it('create one object of each kind', async () => {
    ctx.files({ 'objects.yaml': OBJECTS });
    check(await ctx.kubectl(['create', '-f', 'objects.yaml']), { stderr: '' });
  });

  const describe = (title: string, args: string[], expect: (string | RegExp)[], requests: RegExp[] = []): void => {
    void it(title, async () => {
      ctx.requests();
      const r = await ctx.kubectl(['describe', ...args]);
      check(r, { stderr: '' });
      for (const e of expect) {
        if (typeof e === 'string') assert.ok(r.stdout.includes(e), `missing ${JSON.stringify(e)} in:\n${r.stdout}`);
        else assert.match(r.stdout, e);
      }
      const log = ctx.requests();
      for (const q of requests) assert.ok(log.some((l) => q.test(l)), `no request ${q} in:\n${log.join('\n')}`);
    });
  };

  describe('pod: defaults, the service account volume, its events', ['pod', 'solo'], [
    /^Name:             solo\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             <none>\nLabels:           app=solo\n                  tier=fe\nAnnotations:      <none>\nStatus:           Pending\n/,
    '    Command:\n      sleep\n      3600\n',
    /      \/var\/run\/secrets\/kubernetes\.io\/serviceaccount from kube-api-access-[a-z0-9]{5} \(ro\)\n/,
    'QoS Class:                   BestEffort\n',
    'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n',
    // The Event names the pod without its uid, and describe matches events by involvedObject.uid.
    /Events: +<none>\n$/,
  ], [/^GET \/api\/v1\/namespaces\/default\/events\?fieldSelector=\S*involvedObject\.name%3Dsolo\S* 200 /]);
  describe('deployment: strategy defaults, no ReplicaSet yet', ['deployment', 'web'], [
    /^Name:                   web\nNamespace:              default\n/,
    'Replicas:               3 desired | 0 updated | 0 total | 0 available | 0 unavailable\nStrategyType:           RollingUpdate\nMinReadySeconds:        0\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\n',
  ], [/^GET \/apis\/apps\/v1\/namespaces\/default\/replicasets\?labelSelector=app%3Dweb/]);
  describe('replicaset: pods by its selector', ['rs', 'front'], ['Selector:     app=front\n', 'Replicas:     0 current / 1 desired\nPods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed\n'], [
    /^GET \/api\/v1\/namespaces\/default\/pods\?labelSelector=app%3Dfront/,
  ]);
  describe('replicationcontroller', ['rc', 'legacy'], ['Selector:     app=legacy\n', 'Replicas:     0 current / 2 desired\n', '    Image:         nginx:1.25\n']);
  describe('service: allocated IP, EndpointSlices', ['svc', 'solo'], [
    'Selector:                 app=solo\nType:                     ClusterIP\nIP Family Policy:         SingleStack\nIP Families:              IPv4\n',
    'Port:                     <unset>  80/TCP\nTargetPort:               8080/TCP\nEndpoints:                <none>\nSession Affinity:         None\nInternal Traffic Policy:  Cluster\n',
  ], [/^GET \/apis\/discovery\.k8s\.io\/v1\/namespaces\/default\/endpointslices\?labelSelector=kubernetes\.io%2Fservice-name%3Dsolo/]);
  describe('endpoints', ['ep', 'ext'], ['Subsets:\n  Addresses:          10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4\n  NotReadyAddresses:  <none>\n']);
  describe('endpointslice', ['endpointslice', 'ext-abc'], ['AddressType:  IPv4\n', '  - Addresses:  10.0.0.2\n']);
  describe('configmap', ['cm', 'settings'], ['Data\n====\n', 'color:\n----\nblue\n', 'size:\n----\n3\n']);
  describe('secret: sizes, never values', ['secret', 'creds'], ['Type:  Opaque\n\nData\n====\n', 'pass:  6 bytes\n', 'user:  5 bytes\n']);
  describe('serviceaccount', ['sa', 'builder'], ['Name:                builder\nNamespace:           default\n', 'Tokens:              <none>\n']);
  describe('namespace', ['ns', 'default'], ['Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n']);
  describe('node: its Lease and its pods', ['node', 'node01'], [
    /^Name:               node01\nRoles:              <none>\n/,
    'Lease:\n  HolderIdentity:  node01\n',
    // kube-proxy runs on every node (DaemonSet kube-proxy in kube-system).
    'Non-terminated Pods:          (1 in total)\n',
    /\n  kube-system +kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5} +0 \(0%\) +0 \(0%\) +0 \(0%\) +0 \(0%\) /,
  ], [/^GET \/apis\/coordination\.k8s\.io\/v1\/namespaces\/kube-node-lease\/leases\/node01 200 /, /^GET \/api\/v1\/pods\?fieldSelector=\S*spec\.nodeName%3Dnode01/]);
  describe('lease (generic describer)', ['lease', 'lock'], ['Spec:\n  Holder Identity:         me\n  Lease Duration Seconds:  15\n']);
  describe('event', ['events.v1.', 'solo.1'], [/\nReason: +Testing\n/, 'Count:            3\n', 'Involved Object:\n  Kind:          Pod\n  Name:          solo\n']);
});
