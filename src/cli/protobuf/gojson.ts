// What Go's encoding/json does with the structs behind the messages, which generated.proto does
// not say: which zero scalars it still prints, and which structs it inlines into their parent.
// Keys are `message.jsonName` as in schema.generated.ts.

/**
 * Scalars kept when zero: pointer fields (`*int32`, `*bool`), whose presence on the wire means
 * "set", and the few non-omitempty ones. gogo writes every other scalar even when zero, and Go's
 * `omitempty` drops those, so the rest are dropped when zero.
 */
export const KEEP_ZERO = new Set([
  'apps.v1.DeploymentSpec.replicas',
  'apps.v1.DeploymentSpec.revisionHistoryLimit',
  'apps.v1.DeploymentSpec.progressDeadlineSeconds',
  'authentication.v1.TokenRequestSpec.expirationSeconds',
  'authorization.v1.SubjectAccessReviewStatus.allowed',
  'autoscaling.v1.HorizontalPodAutoscalerSpec.minReplicas',
  'autoscaling.v1.HorizontalPodAutoscalerSpec.maxReplicas',
  'autoscaling.v1.HorizontalPodAutoscalerSpec.targetCPUUtilizationPercentage',
  'batch.v1.CronJobSpec.startingDeadlineSeconds',
  'batch.v1.CronJobSpec.suspend',
  'batch.v1.CronJobSpec.successfulJobsHistoryLimit',
  'batch.v1.CronJobSpec.failedJobsHistoryLimit',
  'batch.v1.JobSpec.parallelism',
  'batch.v1.JobSpec.completions',
  'batch.v1.JobSpec.activeDeadlineSeconds',
  'batch.v1.JobSpec.backoffLimit',
  'batch.v1.JobSpec.ttlSecondsAfterFinished',
  'batch.v1.JobSpec.suspend',
  'core.v1.ConfigMap.immutable',
  'core.v1.ContainerPort.containerPort',
  'core.v1.PodSecurityContext.runAsUser',
  'core.v1.PodSecurityContext.runAsGroup',
  'core.v1.PodSecurityContext.runAsNonRoot',
  'core.v1.PodSecurityContext.fsGroup',
  'core.v1.PodSpec.terminationGracePeriodSeconds',
  'core.v1.PodSpec.activeDeadlineSeconds',
  'core.v1.PodSpec.automountServiceAccountToken',
  'core.v1.PodSpec.enableServiceLinks',
  'core.v1.Secret.immutable',
  'core.v1.SecurityContext.privileged',
  'core.v1.SecurityContext.runAsUser',
  'core.v1.SecurityContext.runAsGroup',
  'core.v1.SecurityContext.runAsNonRoot',
  'core.v1.SecurityContext.readOnlyRootFilesystem',
  'core.v1.SecurityContext.allowPrivilegeEscalation',
  'core.v1.ServiceAccount.automountServiceAccountToken',
  'core.v1.ServicePort.port',
  'authentication.v1.TokenRequestStatus.token',
  'meta.v1.DeleteOptions.gracePeriodSeconds',
  'meta.v1.DeleteOptions.orphanDependents',
  'policy.v1.PodDisruptionBudgetStatus.disruptionsAllowed',
  'policy.v1.PodDisruptionBudgetStatus.currentHealthy',
  'policy.v1.PodDisruptionBudgetStatus.desiredHealthy',
  'policy.v1.PodDisruptionBudgetStatus.expectedPods',
  'scheduling.v1.PriorityClass.value',
]);

/** Go structs embedded with `json:",inline"`: their fields belong to the parent object. */
export const INLINE = new Set([
  'core.v1.EphemeralContainer.ephemeralContainerCommon',
  'core.v1.Probe.handler',
  'core.v1.Volume.volumeSource',
  'networking.v1.IngressRule.ingressRuleValue',
]);
