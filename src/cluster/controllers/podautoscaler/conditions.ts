// setCondition (pkg/controller/podautoscaler/horizontal.go): one condition per type, kept in
// place; the transition time moves only when the status changes.
import type { HPA, HPACondition } from './types';

export type ConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

export function setCondition(hpa: HPA, type: ConditionType | string, status: 'True' | 'False' | string, reason: string, message: string, now: string): void {
  const st = (hpa.status ??= { desiredReplicas: 0 });
  const list: HPACondition[] = (st.conditions = [...(st.conditions ?? [])]);
  let i = list.findIndex((c) => c.type === type);
  if (i < 0) {
    list.push({ type, status: '' });
    i = list.length - 1;
  }
  const prev = list[i]!;
  list[i] = {
    type,
    status,
    lastTransitionTime: prev.status !== status ? now : prev.lastTransitionTime,
    reason,
    message,
  };
}
