// Every kind's strategy in one table, keyed by `resource.group`.
import type { StrategyTable } from './types';
import { workloadStrategies } from './workloads';
import { coreStrategies, genericStrategy } from './core';

export const strategies: StrategyTable = { ...coreStrategies, ...workloadStrategies };
export const fallbackStrategy = genericStrategy;
