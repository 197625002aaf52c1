// The workload kinds' strategies, keyed as the apiserver looks them up.
import type { StrategyTable } from '../types';
import { podStrategy } from './pod';
import { deploymentStrategy } from './deployment';
import { replicaSetStrategy } from './replicaset';
import { replicationControllerStrategy } from './replicationcontroller';
import { daemonSetStrategy } from './daemonset';
import { statefulSetStrategy } from './statefulset';
import { jobStrategy, cronJobStrategy } from './job';

export const workloadStrategies: StrategyTable = {
  pods: podStrategy,
  replicationcontrollers: replicationControllerStrategy,
  'deployments.apps': deploymentStrategy,
  'replicasets.apps': replicaSetStrategy,
  'daemonsets.apps': daemonSetStrategy,
  'statefulsets.apps': statefulSetStrategy,
  'jobs.batch': jobStrategy,
  'cronjobs.batch': cronJobStrategy,
};

export { podStrategy, deploymentStrategy, replicaSetStrategy, replicationControllerStrategy, daemonSetStrategy, statefulSetStrategy, jobStrategy, cronJobStrategy };
export { defaultPodSpec, defaultPodTemplate, defaultPod, defaultContainer, defaultImagePullPolicy } from './podspec-defaults';
export { validatePodSpec, validatePodTemplateSpec, validateLabelSelector } from './podspec-validation';
export { computePodQOS } from './qos';
export { validatePodUpdate, podSpecDiff, UPDATABLE_POD_SPEC_FIELDS } from './pod';
