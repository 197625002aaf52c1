// HorizontalPodAutoscalerDescriber: the autoscaling/v2 object (kubectl asks for v2 first and
// falls back to v1 only when v2 is not served, which never happens here): metrics as
// `current / target`, replica bounds, behavior, the target's pods, conditions and events.
import { getObject, type DescribeContext } from './context';
import { describeEvents, eventsFor, refOf } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z, type J } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from './writer';

/** resource.Quantity's String() of an optional quantity: Go prints a nil pointer as <nil>. */
const qty = (v: unknown): string => (v === undefined || v === null ? '<nil>' : String(v));

function currentOf(hpa: J, i: number, source: string): J | undefined {
  const m = (hpa.status?.currentMetrics ?? [])[i];
  return m && m[source] ? m[source].current ?? {} : undefined;
}

/** A Resource or ContainerResource metric: after the label, either a value or a utilization. */
function resourceLine(w: PrefixWriter, hpa: J, i: number, source: 'resource' | 'containerResource', label: string): void {
  const target = hpa.spec.metrics[i][source]?.target ?? {};
  w.write(LEVEL_1, label);
  const cur = currentOf(hpa, i, source);
  if (target.averageValue !== undefined && target.averageValue !== null) {
    w.write(LEVEL_0, `:\t${cur ? qty(cur.averageValue) : '<unknown>'} / ${qty(target.averageValue)}\n`);
    return;
  }
  const current = cur && typeof cur.averageUtilization === 'number' ? `${cur.averageUtilization}% (${qty(cur.averageValue)})` : '<unknown>';
  const want = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : '<auto>';
  w.write(LEVEL_1, `(as a percentage of request):\t${current} / ${want}\n`);
}

function metricLine(w: PrefixWriter, hpa: J, m: J, i: number): void {
  switch (m.type) {
    case 'External': {
      const t = m.external?.target ?? {};
      const cur = currentOf(hpa, i, 'external');
      if (t.averageValue !== undefined && t.averageValue !== null) {
        const current = cur && cur.averageValue !== undefined ? qty(cur.averageValue) : '<unknown>';
        w.write(LEVEL_1, `${JSON.stringify(m.external?.metric?.name ?? '')} (target average value):\t${current} / ${qty(t.averageValue)}\n`);
      } else {
        w.write(LEVEL_1, `${JSON.stringify(m.external?.metric?.name ?? '')} (target value):\t${cur ? qty(cur.value) : '<unknown>'} / ${qty(t.value)}\n`);
      }
      return;
    }
    case 'Pods': {
      const cur = currentOf(hpa, i, 'pods');
      w.write(LEVEL_1, `${JSON.stringify(m.pods?.metric?.name ?? '')} on pods:\t${cur ? qty(cur.averageValue) : '<unknown>'} / ${qty(m.pods?.target?.averageValue)}\n`);
      return;
    }
    case 'Object': {
      const o = m.object ?? {};
      w.write(LEVEL_1, `"${o.metric?.name ?? ''}" on ${o.describedObject?.kind ?? ''}/${o.describedObject?.name ?? ''} `);
      const cur = currentOf(hpa, i, 'object');
      if (o.target?.type === 'AverageValue') w.write(LEVEL_0, `(target average value):\t${cur ? qty(cur.averageValue) : '<unknown>'} / ${qty(o.target.averageValue)}\n`);
      else w.write(LEVEL_0, `(target value):\t${cur ? qty(cur.value) : '<unknown>'} / ${qty(o.target?.value)}\n`);
      return;
    }
    case 'Resource':
      resourceLine(w, hpa, i, 'resource', `resource ${m.resource?.name ?? ''} on pods`);
      return;
    case 'ContainerResource':
      resourceLine(w, hpa, i, 'containerResource', `resource ${m.containerResource?.name ?? ''} of container "${m.containerResource?.container ?? ''}" on pods`);
      return;
    default:
      w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(String(m.type ?? ''))}>\n`);
  }
}

function directionBehavior(w: PrefixWriter, direction: string, rules: J): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (typeof rules.stabilizationWindowSeconds === 'number') w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  const policies: J[] = rules.policies ?? [];
  if (!policies.length) return;
  w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
  w.write(LEVEL_2, 'Policies:\n');
  for (const p of policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
}

export async function describeHorizontalPodAutoscalerByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const hpa = await getObject(ctx, `/apis/autoscaling/v2/namespaces/${namespace}/horizontalpodautoscalers/${encodeURIComponent(name)}`);
  const events = await eventsFor(ctx, refOf(hpa, 'HorizontalPodAutoscaler'));
  const spec = hpa.spec ?? (hpa.spec = {});
  const st = hpa.status ?? {};
  const ref = spec.scaleTargetRef ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${ref.kind ?? ''}/${ref.name ?? ''}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m: J, i: number) => metricLine(w, hpa, m, i));
  w.write(LEVEL_0, `Min replicas:\t${typeof spec.minReplicas === 'number' ? spec.minReplicas : '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    directionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
    directionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(LEVEL_0, `${ref.kind ?? ''} pods:\t${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  const conditions: J[] = st.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type ?? ''}\t${c.status ?? ''}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
