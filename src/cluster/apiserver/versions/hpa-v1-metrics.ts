// The metric specs and statuses that autoscaling/v1 keeps in annotations, in the shapes of the
// k8s.io/api/autoscaling/v1 Go types (the v2beta1-like form: metricName, targetAverageValue...),
// with Go's field order, as kube-apiserver's conversion marshals them; and back to v2.
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Obj | undefined, k: string): boolean => !!o && o[k] !== undefined && o[k] !== null;
/** A non-pointer resource.Quantity: the zero quantity marshals as "0". */
const qty = (o: Obj | undefined, k: string): unknown => (has(o, k) ? o![k] : '0');

function put(out: Obj, key: string, from: Obj | undefined, k: string): void {
  if (has(from, k)) out[key] = from![k];
}

function refToV1(r: unknown): Obj {
  const ref: Obj = isObj(r) ? r : {};
  const out: Obj = { kind: ref.kind ?? '', name: ref.name ?? '' };
  put(out, 'apiVersion', ref, 'apiVersion');
  return out;
}

/** Object and Pods/External metrics name a metric (v2 MetricIdentifier). */
function ident(src: Obj): { name: unknown; selector?: unknown } {
  const m: Obj = isObj(src.metric) ? src.metric : {};
  return { name: m.name ?? '', selector: m.selector ?? undefined };
}

function identFromV1(src: Obj, nameKey: string, selectorKey: string): Obj {
  const out: Obj = { name: src[nameKey] ?? '' };
  put(out, 'selector', src, selectorKey);
  return out;
}

/** The v2 MetricSpec (or MetricStatus, with `part` "current") of a v1 one. */
function sourceToV1(m: Obj, part: 'target' | 'current'): Obj {
  const p = part === 'target' ? 'target' : 'current';
  const out: Obj = { type: m.type ?? '' };
  if (isObj(m.object)) {
    const o = m.object;
    const { name, selector } = ident(o);
    const t: Obj = isObj(o[p]) ? o[p] : {};
    const v: Obj = { target: refToV1(o.describedObject), metricName: name, [p === 'target' ? 'targetValue' : 'currentValue']: qty(t, 'value') };
    if (selector !== undefined) v.selector = selector;
    put(v, 'averageValue', t, 'averageValue');
    out.object = v;
  }
  if (isObj(m.pods)) {
    const { name, selector } = ident(m.pods);
    const t: Obj = isObj(m.pods[p]) ? m.pods[p] : {};
    const v: Obj = { metricName: name, [p === 'target' ? 'targetAverageValue' : 'currentAverageValue']: qty(t, 'averageValue') };
    if (selector !== undefined) v.selector = selector;
    out.pods = v;
  }
  for (const key of ['resource', 'containerResource']) {
    if (!isObj(m[key])) continue;
    const r = m[key];
    const t: Obj = isObj(r[p]) ? r[p] : {};
    const v: Obj = { name: r.name ?? '' };
    if (p === 'target') {
      put(v, 'targetAverageUtilization', t, 'averageUtilization');
      put(v, 'targetAverageValue', t, 'averageValue');
    } else {
      put(v, 'currentAverageUtilization', t, 'averageUtilization');
      v.currentAverageValue = qty(t, 'averageValue');
    }
    if (key === 'containerResource') v.container = r.container ?? '';
    out[key] = v;
  }
  if (isObj(m.external)) {
    const { name, selector } = ident(m.external);
    const t: Obj = isObj(m.external[p]) ? m.external[p] : {};
    const v: Obj = { metricName: name };
    if (selector !== undefined) v.metricSelector = selector;
    if (p === 'target') put(v, 'targetValue', t, 'value');
    else v.currentValue = qty(t, 'value');
    put(v, p === 'target' ? 'targetAverageValue' : 'currentAverageValue', t, 'averageValue');
    out.external = v;
  }
  return out;
}

export const metricSpecToV1 = (m: Obj): Obj => sourceToV1(m, 'target');
export const metricStatusToV1 = (m: Obj): Obj => sourceToV1(m, 'current');

/** Convert_v1_MetricSpec_To_autoscaling_MetricSpec. */
export function metricSpecFromV1(m: Obj): Obj {
  const out: Obj = { type: m.type ?? '' };
  if (isObj(m.object)) {
    const o = m.object;
    const target: Obj = { type: has(o, 'averageValue') ? 'AverageValue' : 'Value', value: qty(o, 'targetValue') };
    put(target, 'averageValue', o, 'averageValue');
    out.object = { describedObject: refToV1(o.target), target, metric: identFromV1(o, 'metricName', 'selector') };
  }
  if (isObj(m.pods)) {
    out.pods = { metric: identFromV1(m.pods, 'metricName', 'selector'), target: { type: 'AverageValue', averageValue: qty(m.pods, 'targetAverageValue') } };
  }
  for (const key of ['resource', 'containerResource']) {
    if (!isObj(m[key])) continue;
    const r = m[key];
    const target: Obj = { type: has(r, 'targetAverageUtilization') ? 'Utilization' : 'AverageValue' };
    put(target, 'averageUtilization', r, 'targetAverageUtilization');
    put(target, 'averageValue', r, 'targetAverageValue');
    out[key] = key === 'containerResource' ? { name: r.name ?? '', target, container: r.container ?? '' } : { name: r.name ?? '', target };
  }
  if (isObj(m.external)) {
    const e = m.external;
    const target: Obj = { type: has(e, 'targetValue') ? 'Value' : 'AverageValue' };
    put(target, 'value', e, 'targetValue');
    put(target, 'averageValue', e, 'targetAverageValue');
    out.external = { metric: identFromV1(e, 'metricName', 'metricSelector'), target };
  }
  return out;
}

/** Convert_v1_MetricStatus_To_autoscaling_MetricStatus. */
export function metricStatusFromV1(m: Obj): Obj {
  const out: Obj = { type: m.type ?? '' };
  if (isObj(m.object)) {
    const o = m.object;
    const current: Obj = { value: qty(o, 'currentValue') };
    put(current, 'averageValue', o, 'averageValue');
    out.object = { metric: identFromV1(o, 'metricName', 'selector'), current, describedObject: refToV1(o.target) };
  }
  if (isObj(m.pods)) out.pods = { metric: identFromV1(m.pods, 'metricName', 'selector'), current: { averageValue: qty(m.pods, 'currentAverageValue') } };
  for (const key of ['resource', 'containerResource']) {
    if (!isObj(m[key])) continue;
    const r = m[key];
    const current: Obj = { averageValue: qty(r, 'currentAverageValue') };
    put(current, 'averageUtilization', r, 'currentAverageUtilization');
    out[key] = key === 'containerResource' ? { name: r.name ?? '', current, container: r.container ?? '' } : { name: r.name ?? '', current };
  }
  if (isObj(m.external)) {
    const e = m.external;
    const current: Obj = { value: qty(e, 'currentValue') };
    put(current, 'averageValue', e, 'currentAverageValue');
    out.external = { metric: identFromV1(e, 'metricName', 'metricSelector'), current };
  }
  return out;
}

/** v1 HorizontalPodAutoscalerCondition, Go field order (lastTransitionTime, reason, message omitempty). */
export function conditionToV1(c: Obj): Obj {
  const out: Obj = { type: c.type ?? '', status: c.status ?? '' };
  for (const k of ['lastTransitionTime', 'reason', 'message']) if (c[k]) out[k] = c[k];
  return out;
}

/**
 * The behavior annotation holds Go's internal HorizontalPodAutoscalerBehavior marshalled without
 * json tags (upstream has a TODO about it): Go field names, nil pointers as null.
 */
export function behaviorToInternalJson(b: Obj): Obj {
  const rules = (r: unknown): Obj | null => {
    if (!isObj(r)) return null;
    const policies = Array.isArray(r.policies) ? r.policies.map((p: Obj) => ({ Type: p.type ?? '', Value: p.value ?? 0, PeriodSeconds: p.periodSeconds ?? 0 })) : null;
    return { StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null, SelectPolicy: r.selectPolicy ?? null, Policies: policies };
  };
  return { ScaleUp: rules(b.scaleUp), ScaleDown: rules(b.scaleDown) };
}

/** Reads the annotation back; encoding/json matches field names case-insensitively. */
export function behaviorFromInternalJson(b: Obj): Obj {
  const get = (o: Obj, k: string): unknown => {
    const key = Object.keys(o).find((x) => x.toLowerCase() === k.toLowerCase());
    return key === undefined ? undefined : o[key];
  };
  const rules = (r: unknown): Obj | undefined => {
    if (!isObj(r)) return undefined;
    const out: Obj = {};
    const sw = get(r, 'stabilizationWindowSeconds');
    if (sw !== undefined && sw !== null) out.stabilizationWindowSeconds = sw;
    const sp = get(r, 'selectPolicy');
    if (sp !== undefined && sp !== null) out.selectPolicy = sp;
    const ps = get(r, 'policies');
    if (Array.isArray(ps)) out.policies = ps.filter(isObj).map((p) => ({ type: get(p, 'type') ?? '', value: get(p, 'value') ?? 0, periodSeconds: get(p, 'periodSeconds') ?? 0 }));
    return out;
  };
  const out: Obj = {};
  const up = rules(get(b, 'scaleUp'));
  const down = rules(get(b, 'scaleDown'));
  if (up) out.scaleUp = up;
  if (down) out.scaleDown = down;
  return out;
}
