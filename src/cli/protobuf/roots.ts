// Which Kubernetes messages the protobuf decoder knows, and how a body's apiVersion and kind
// name one. The roots are the kinds kubectl 1.32 can send as protobuf: the `create <generator>`
// objects, `auth can-i` reviews, `create token`, `autoscale`, and `drain`'s evictions.

export const ROOT_KINDS: readonly string[] = [
  ...['ConfigMap', 'Namespace', 'Pod', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'].map((k) => `core.v1.${k}`),
  'apps.v1.Deployment',
  'authentication.v1.TokenRequest',
  'authorization.v1.SelfSubjectAccessReview',
  'authorization.v1.SelfSubjectRulesReview',
  'autoscaling.v1.HorizontalPodAutoscaler',
  'batch.v1.CronJob',
  'batch.v1.Job',
  'networking.v1.Ingress',
  'policy.v1.Eviction',
  'policy.v1.PodDisruptionBudget',
  ...['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].map((k) => `rbac.v1.${k}`),
  'scheduling.v1.PriorityClass',
];

/** `k8s.io.api.apps.v1` -> `apps.v1`; `k8s.io.apimachinery.pkg.apis.meta.v1` -> `meta.v1`. */
export function shortPackage(pkg: string): string {
  return pkg.replace(/^k8s\.io\.api\./, '').replace(/^k8s\.io\.apimachinery\.pkg\.(apis?\.|util\.)?/, '');
}

/**
 * The message of a body's TypeMeta: `apps/v1` + `Deployment` -> `apps.v1.Deployment`. Proto
 * packages are named after the group's first label (`rbac.authorization.k8s.io` -> `rbac`);
 * the core group is `core`.
 */
export function messageFor(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['core', apiVersion];
  return `${group.split('.')[0]}.${version}.${kind}`;
}
