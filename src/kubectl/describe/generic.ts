// The generic describer for kinds without their own (Lease, Event, ControllerRevision, ...):
// the object's fields, sorted, as `Smart Label: value`, then its events.
import { formatLabelSelector } from '../../api/labels';
import { getObject, type DescribeContext } from './context';
import { describeEvents, eventsFor, refOf } from './events';
import { goLess, intOrString, printAnnotationsMultiline, printLabelsMultiline, type J } from './format';
import { LEVEL_0, LEVEL_2, PrefixWriter, type Writer } from './writer';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** fatih/camelcase.Split: runs of lower, upper, digit and other characters; `PDFLoader` -> PDF, Loader. */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = cls(c);
    if (k === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i][0]) === 2 && cls(runs[i + 1][0]) === 1) runs[i + 1].unshift(runs[i].pop()!);
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** smartLabelFor: `holderIdentity` -> `Holder Identity`, `uid` -> `UID`; other characters keep the field as is. */
export function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

/** Go's %v of a decoded JSON value. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  return String(v);
}

/** %v of a float64: strconv 'g' with the shortest representation, exponent for large or tiny. */
function goFloat(f: number): string {
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [m, e] = f.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}

function printContent(w: Writer, level: number, content: Record<string, unknown>, skipPrefix: string, skip: Set<string>): void {
  for (const field of Object.keys(content).sort(goLess)) {
    const value = content[field];
    const expr = `${skipPrefix}.${field}`;
    if (skip.has(expr)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, expr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, expr, skip);
        else w.write(level + 1, `${Array.isArray(child) ? `[${child.map(goValue).join(' ')}]` : goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

export function genericDescriber(path: (namespace: string, name: string) => string, kind: string) {
  return async (ctx: DescribeContext, namespace: string, name: string): Promise<string> => {
    const obj = await getObject(ctx, path(namespace, name));
    const events = await eventsFor(ctx, refOf(obj, obj.kind ?? kind));
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${obj.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
    printContent(w, LEVEL_0, obj, '', new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']));
    if (events) describeEvents(events, w, ctx.now);
    return w.toString();
  };
}

/** PodDisruptionBudget (policy/v1). */
export async function describePodDisruptionBudgetByName(ctx: DescribeContext, namespace: string, name: string): Promise<string> {
  const pdb = await getObject(ctx, `/apis/policy/v1/namespaces/${namespace}/poddisruptionbudgets/${encodeURIComponent(name)}`);
  const events = await eventsFor(ctx, refOf(pdb, 'PodDisruptionBudget'));
  const w = new PrefixWriter();
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${intOrString(spec.minAvailable)}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${intOrString(spec.maxUnavailable)}\n`);
  w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${st.expectedPods ?? 0}\n`);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
