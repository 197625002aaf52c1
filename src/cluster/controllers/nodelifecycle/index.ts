// Node lifecycle: node health, taints by condition, and taint-based eviction.
export { startNodeLifecycleController, NodeLifecycleController, NODE_CONTROLLER, TAINT_UNREACHABLE, TAINT_NOT_READY, TAINT_UNSCHEDULABLE } from './nodelifecycle';
export type { NodeLifecycleOptions } from './nodelifecycle';
export { startTaintEvictionController, TaintEvictionController, TAINT_EVICTION_CONTROLLER } from './tainteviction';
