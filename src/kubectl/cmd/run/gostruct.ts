// JSON as Go's encoding/json writes a typed object (corev1.Pod, corev1.Service, a PodTemplateSpec):
// struct fields in their declaration order, map keys sorted. kubectl prints typed objects this
// way (`run`/`expose --dry-run=client -o json`) and sends them in `rollout undo`'s JSON patch.
import { goJsonNumber, goJsonString } from '../../printers/json';

type Shape = { [field: string]: string | null };

const META = 'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences finalizers managedFields';

/** Field order per type; the value names the field's type (`map` for Go maps, null for scalars). */
const ORDER: Record<string, [string, string][]> = {};

function def(type: string, fields: string, types: Record<string, string> = {}): void {
  ORDER[type] = fields.split(' ').map((f) => [f, types[f] ?? '']);
}

def('Pod', 'kind apiVersion metadata spec status', { metadata: 'ObjectMeta', spec: 'PodSpec', status: 'PodStatus' });
def('Service', 'kind apiVersion metadata spec status', { metadata: 'ObjectMeta', spec: 'ServiceSpec', status: 'ServiceStatus' });
def('PodTemplateSpec', 'metadata spec', { metadata: 'ObjectMeta', spec: 'PodSpec' });
def('ObjectMeta', META, { labels: 'map', annotations: 'map', ownerReferences: '[]OwnerReference' });
def('OwnerReference', 'apiVersion kind name uid controller blockOwnerDeletion');
def(
  'PodSpec',
  'volumes initContainers containers ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims resources',
  { initContainers: '[]Container', containers: '[]Container', nodeSelector: 'map', tolerations: '[]Toleration', overhead: 'map', volumes: '[]Volume' },
);
def(
  'Container',
  'name image command args workingDir ports envFrom env resources resizePolicy restartPolicy volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty',
  { ports: '[]ContainerPort', env: '[]EnvVar', resources: 'ResourceRequirements', volumeMounts: '[]VolumeMount', livenessProbe: 'Probe', readinessProbe: 'Probe', startupProbe: 'Probe' },
);
def('ContainerPort', 'name hostPort containerPort protocol hostIP');
def('EnvVar', 'name value valueFrom');
def('ResourceRequirements', 'limits requests claims', { limits: 'map', requests: 'map' });
def('VolumeMount', 'name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr');
def('Volume', 'name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap vsphereVolume quobyte azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos csi ephemeral image');
def('Toleration', 'key operator value effect tolerationSeconds');
def('Probe', 'exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds', { httpGet: 'HTTPGetAction' });
def('HTTPGetAction', 'path port host scheme httpHeaders');
def(
  'ServiceSpec',
  'ports selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution',
  { ports: '[]ServicePort', selector: 'map' },
);
def('ServicePort', 'name protocol appProtocol port targetPort nodePort');
def('ServiceStatus', 'loadBalancer conditions');
def('EventList', 'kind apiVersion metadata items', { items: '[]Event' });
def('Event', 'kind apiVersion metadata involvedObject reason message source firstTimestamp lastTimestamp count type eventTime series action related reportingComponent reportingInstance', { metadata: 'ObjectMeta', involvedObject: 'ObjectReference', related: 'ObjectReference', source: 'EventSource', series: 'EventSeries' });
def('ObjectReference', 'kind namespace name uid apiVersion resourceVersion fieldPath');
def('EventSource', 'component host');
def('EventSeries', 'count lastObservedTime');
def('HorizontalPodAutoscalerV1', 'kind apiVersion metadata spec status', { metadata: 'ObjectMeta', spec: 'HorizontalPodAutoscalerSpecV1', status: 'HorizontalPodAutoscalerStatusV1' });
def('HorizontalPodAutoscalerSpecV1', 'scaleTargetRef minReplicas maxReplicas targetCPUUtilizationPercentage', { scaleTargetRef: 'CrossVersionObjectReference' });
def('CrossVersionObjectReference', 'kind name apiVersion');
def('HorizontalPodAutoscalerStatusV1', 'observedGeneration lastScaleTime currentReplicas desiredReplicas currentCPUUtilizationPercentage');
def('PodStatus', 'phase conditions message reason nominatedNodeName hostIP hostIPs podIP podIPs startTime initContainerStatuses containerStatuses qosClass ephemeralContainerStatuses resize resourceClaimStatuses');

function encode(v: unknown, type: string, indent: string | null, prefix: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return goJsonNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const inner = indent === null ? '' : prefix + indent;
  const nl = indent === null ? '' : '\n';
  const sep = indent === null ? ':' : ': ';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    const et = type.startsWith('[]') ? type.slice(2) : '';
    return '[' + nl + v.map((x) => inner + encode(x, et, indent, inner)).join(',' + nl) + nl + (indent === null ? '' : prefix) + ']';
  }
  const o = v as Record<string, unknown>;
  const shape = ORDER[type];
  let keys: [string, string][];
  if (shape) {
    const known = new Set(shape.map(([k]) => k));
    keys = [...shape.filter(([k]) => o[k] !== undefined), ...Object.keys(o).filter((k) => !known.has(k) && o[k] !== undefined).sort().map((k): [string, string] => [k, ''])];
  } else {
    // A Go map (or a type we do not describe): sorted keys.
    keys = Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k): [string, string] => [k, '']);
  }
  if (!keys.length) return '{}';
  return '{' + nl + keys.map(([k, t]) => inner + goJsonString(k) + sep + encode(o[k], t, indent, inner)).join(',' + nl) + nl + (indent === null ? '' : prefix) + '}';
}

/** json.Marshal of a typed object (compact). */
export function marshalTyped(v: unknown, type: string): string {
  return encode(v, type, null, '');
}

/** kubectl -o json of a typed object. */
export function printTypedJson(v: unknown, type: string): string {
  return encode(v, type, '    ', '') + '\n';
}

export type { Shape };
