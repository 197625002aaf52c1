// Autoscaling and disruption policy: horizontalpodautoscalers, poddisruptionbudgets.
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { DOC } from '../descriptions';
import { age, AGE_COLUMN, as, col, NAME_COLUMN, nameOf, type Printer } from '../printer';

/** resource.Quantity.String(); quantities travel as strings (or plain numbers) in JSON. */
function q(v: string | number | undefined): string {
  return v === undefined || v === null ? '0' : String(v);
}

/** formatHPAMetrics: at most 2 targets, then ` + N more...`; `<none>` without metrics. */
export function formatHPAMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  const list: string[] = [];
  const specList = specs ?? [];
  const st = statuses ?? [];
  if (specList.length === 0) return '<none>';
  const max = 2;
  specList.forEach((spec, i) => {
    const s = st.length > i ? st[i] : undefined;
    switch (spec.type) {
      case 'External': {
        const t = spec.external!.target;
        if (t.averageValue != null) {
          const cur = s?.external?.current.averageValue != null ? q(s.external.current.averageValue) : '<unknown>';
          list.push(`${cur}/${q(t.averageValue)} (avg)`);
        } else {
          const cur = s?.external ? q(s.external.current.value) : '<unknown>';
          list.push(`${cur}/${q(t.value)}`);
        }
        break;
      }
      case 'Pods': {
        const cur = s?.pods ? q(s.pods.current.averageValue) : '<unknown>';
        list.push(`${cur}/${q(spec.pods!.target.averageValue)}`);
        break;
      }
      case 'Object': {
        const t = spec.object!.target;
        if (t.averageValue != null) {
          const cur = s?.object?.current.averageValue != null ? q(s.object.current.averageValue) : '<unknown>';
          list.push(`${cur}/${q(t.averageValue)} (avg)`);
        } else {
          const cur = s?.object ? q(s.object.current.value) : '<unknown>';
          list.push(`${cur}/${q(t.value)}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const src = spec.type === 'Resource' ? spec.resource! : spec.containerResource!;
        const cur = spec.type === 'Resource' ? s?.resource : s?.containerResource;
        if (src.target.averageValue != null) {
          const c = cur ? q(cur.current.averageValue) : '<unknown>';
          list.push(`${src.name}: ${c}/${q(src.target.averageValue)}`);
        } else {
          const c = cur?.current.averageUtilization != null ? `${cur.current.averageUtilization}%` : '<unknown>';
          const target = src.target.averageUtilization != null ? `${src.target.averageUtilization}%` : '<auto>';
          list.push(`${src.name}: ${c}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  const count = list.length;
  if (count > max) return `${list.slice(0, max).join(', ')} + ${count - max} more...`;
  return list.join(', ');
}

export const hpaPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Reference', 'string', DOC.HorizontalPodAutoscalerSpec_scaleTargetRef),
    col('Targets', 'string', DOC.HorizontalPodAutoscalerSpec_metrics),
    col('MinPods', 'string', DOC.HorizontalPodAutoscalerSpec_minReplicas),
    col('MaxPods', 'string', DOC.HorizontalPodAutoscalerSpec_maxReplicas),
    col('Replicas', 'string', DOC.HorizontalPodAutoscalerStatus_currentReplicas),
    AGE_COLUMN,
  ],
  print(obj, ctx) {
    const hpa = as<HorizontalPodAutoscaler>(obj);
    const ref = hpa.spec?.scaleTargetRef;
    // Decoding defaults minReplicas to 1.
    const min = hpa.spec?.minReplicas ?? 1;
    return {
      cells: [
        nameOf(obj),
        `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
        formatHPAMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
        String(min),
        hpa.spec?.maxReplicas ?? 0,
        hpa.status?.currentReplicas ?? 0,
        age(obj, ctx),
      ],
    };
  },
};

export const pdbPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE_COLUMN,
  ],
  print(obj, ctx) {
    const pdb = as<PodDisruptionBudget>(obj);
    const min = pdb.spec?.minAvailable;
    const maxU = pdb.spec?.maxUnavailable;
    return {
      cells: [
        nameOf(obj),
        min == null ? 'N/A' : String(min),
        maxU == null ? 'N/A' : String(maxU),
        pdb.status?.disruptionsAllowed ?? 0,
        age(obj, ctx),
      ],
    };
  },
};
