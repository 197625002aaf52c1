// The default scheduler: queue, filter and score plugins, binding, and explained decisions.
export { startScheduler, numFeasibleNodesToFind, SCHEDULER_NAME } from './scheduler';
export type { Scheduler, SchedulerOptions, SchedulingDecision, NodeFilterResult, NodeScoreResult, PluginScore } from './scheduler';
export { fitErrorMessage, reasonsHistogram } from './preemption';
export { toleratesTaint, taintTolerated, findUntoleratedTaint, podRequests } from './podutil';
export type { Taint, Toleration } from './podutil';
