// The default profile (apis/config/v1 getDefaultPlugins): its filter plugins in order (a node's
// first failing plugin decides) and its score plugins with their weights.
import { nodeAffinity, nodeName, nodePorts, nodeResourcesFit, nodeUnschedulable, taintToleration, type FilterPlugin } from './filters';
import { balancedAllocation, leastAllocated, nodeAffinityScore, taintTolerationScore, type ScorePlugin } from './scores';
import { podTopologySpreadFilter, podTopologySpreadScore } from './topologyspread';
import { interPodAffinityFilter, interPodAffinityScore } from './interpodaffinity';

export const DEFAULT_FILTERS: FilterPlugin[] = [
  nodeUnschedulable,
  nodeName,
  taintToleration,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  podTopologySpreadFilter,
  interPodAffinityFilter,
];

export const DEFAULT_SCORES: ScorePlugin[] = [
  taintTolerationScore,
  nodeAffinityScore,
  leastAllocated,
  podTopologySpreadScore,
  interPodAffinityScore,
  balancedAllocation,
];
