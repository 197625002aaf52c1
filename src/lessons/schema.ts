// The check vocabulary of lessons/FORMAT.md as data: each check type, its fields and their
// kinds. The validator reads it to reject unknown types and bad fields; the check engine
// evaluates exactly these types.
import { RESOURCES, type ResourceInfo } from '../api/registry';
import { parseLabelSelector } from '../api/labels';

export type FieldKind = 'kind' | 'name' | 'string' | 'int' | 'bool' | 'regex' | 'selector' | 'scalar' | 'labels' | 'jsonpath' | 'taint' | 'serviceType';

export interface CheckSchema {
  fields: Record<string, FieldKind>;
  required: string[];
  /** Exactly one of these fields must be given. */
  oneOf?: string[];
  /** At most one of these fields may be given. */
  atMostOne?: string[];
  /** At least one of these fields must be given. */
  anyOf?: string[];
}

const NS = { namespace: 'name' } as const;

export const CHECKS: Record<string, CheckSchema> = {
  exists: { fields: { kind: 'kind', name: 'name', ...NS }, required: ['kind', 'name'] },
  absent: { fields: { kind: 'kind', name: 'name', ...NS }, required: ['kind', 'name'] },
  count: {
    fields: { kind: 'kind', ...NS, selector: 'selector', fieldSelector: 'string', min: 'int', max: 'int', equals: 'int' },
    required: ['kind'],
    anyOf: ['min', 'max', 'equals'],
  },
  deploymentReady: { fields: { name: 'name', ...NS, replicas: 'int', image: 'string' }, required: ['name'] },
  podsRunning: { fields: { selector: 'selector', ...NS, count: 'int', min: 'int', image: 'string' }, required: [], atMostOne: ['count', 'min'] },
  podStatus: { fields: { name: 'name', selector: 'selector', ...NS, status: 'string' }, required: ['status'], atMostOne: ['name', 'selector'] },
  serviceEndpoints: { fields: { name: 'name', ...NS, count: 'int', min: 'int' }, required: ['name'], atMostOne: ['count', 'min'] },
  serviceType: { fields: { name: 'name', ...NS, type: 'serviceType' }, required: ['name', 'type'] },
  labels: { fields: { kind: 'kind', name: 'name', ...NS, labels: 'labels' }, required: ['kind', 'name', 'labels'] },
  field: {
    fields: { kind: 'kind', name: 'name', ...NS, path: 'jsonpath', equals: 'scalar', matches: 'regex', not: 'scalar' },
    required: ['kind', 'name', 'path'],
    oneOf: ['equals', 'matches', 'not'],
  },
  kubectl: { fields: { args: 'string', equals: 'scalar', matches: 'regex', contains: 'string', lines: 'int' }, required: ['args'], oneOf: ['equals', 'matches', 'contains', 'lines'] },
  node: { fields: { name: 'name', ready: 'bool', schedulable: 'bool', stopped: 'bool', taint: 'taint' }, required: ['name'], oneOf: ['ready', 'schedulable', 'stopped', 'taint'] },
  namespaceExists: { fields: { name: 'name' }, required: ['name'] },
  namespaceGone: { fields: { name: 'name' }, required: ['name'] },
  rolloutRevision: { fields: { name: 'name', ...NS, revision: 'int' }, required: ['name', 'revision'] },
  ranCommand: { fields: { matches: 'regex' }, required: ['matches'] },
};

export const CHECK_TYPES = Object.keys(CHECKS);

/** A kubectl resource type as typed (`deployment`, `deploy`, `svc`, `pods`, `Deployment`, `deployments.apps`). */
export function resolveKind(arg: string): ResourceInfo | undefined {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  const served = RESOURCES.filter((r) => !r.virtual && (group === undefined || r.group === group));
  return (
    served.find((r) => r.shortNames.includes(name)) ??
    served.find((r) => r.resource === name || r.singular === name || r.kind.toLowerCase() === name)
  );
}

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Why a field value is invalid, or undefined when it is fine. */
export function fieldProblem(kind: FieldKind, v: unknown): string | undefined {
  switch (kind) {
    case 'kind':
      if (typeof v !== 'string' || !v) return 'must be a kubectl resource type such as deployment or svc';
      return resolveKind(v) ? undefined : `unknown resource type "${v}"`;
    case 'name':
      return typeof v === 'string' && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v) ? undefined : 'must be a Kubernetes object name (lower case letters, digits, - and .)';
    case 'string':
      return typeof v === 'string' && v.length > 0 ? undefined : 'must be a non-empty string';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : 'must be a whole number (0 or more)';
    case 'bool':
      return typeof v === 'boolean' ? undefined : 'must be true or false';
    case 'scalar':
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? undefined : 'must be a string, a number or a boolean';
    case 'regex':
      if (typeof v !== 'string' || !v) return 'must be a regular expression (a non-empty string)';
      try {
        new RegExp(v);
        return undefined;
      } catch (e) {
        return `invalid regular expression: ${(e as Error).message}`;
      }
    case 'selector':
      if (typeof v !== 'string') return 'must be a label selector string such as app=web';
      try {
        parseLabelSelector(v);
        return undefined;
      } catch (e) {
        return `invalid label selector "${v}": ${(e as Error).message}`;
      }
    case 'jsonpath':
      return typeof v === 'string' && /\{.*\}/.test(v) ? undefined : 'must be a kubectl jsonpath template such as {.spec.replicas}';
    case 'labels':
      if (!v || typeof v !== 'object' || Array.isArray(v)) return 'must be a map of label keys to values (null: the label must be absent)';
      for (const [k, x] of Object.entries(v)) {
        if (x !== null && typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') return `label "${k}" must have a string value or null`;
      }
      return undefined;
    case 'taint': {
      if (typeof v !== 'string') return 'must be "key:Effect" or "key=value:Effect"';
      const i = v.lastIndexOf(':');
      return i > 0 && EFFECTS.includes(v.slice(i + 1)) ? undefined : `must be "key:Effect" with Effect one of ${EFFECTS.join(', ')}`;
    }
    case 'serviceType':
      return typeof v === 'string' && SERVICE_TYPES.includes(v) ? undefined : `must be one of ${SERVICE_TYPES.join(', ')}`;
  }
}

/** The problems of one check (an entry of a step's `checks`), each a short reason. */
export function checkProblems(check: unknown): { type?: string; problems: { field?: string; message: string }[] } {
  if (!check || typeof check !== 'object' || Array.isArray(check)) return { problems: [{ message: `a check must be a map with one key, the check type (one of ${CHECK_TYPES.join(', ')})` }] };
  const keys = Object.keys(check);
  if (keys.length !== 1) return { problems: [{ message: `a check must have exactly one key, the check type; found ${keys.length ? keys.join(', ') : 'none'}` }] };
  const type = keys[0];
  const schema = CHECKS[type];
  if (!schema) return { type, problems: [{ message: `unknown check type "${type}" (known: ${CHECK_TYPES.join(', ')})` }] };
  const body = (check as Record<string, unknown>)[type];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { type, problems: [{ message: `check "${type}" needs a map of fields (${Object.keys(schema.fields).join(', ')})` }] };
  const problems: { field?: string; message: string }[] = [];
  const f = body as Record<string, unknown>;
  for (const k of Object.keys(f)) {
    if (!(k in schema.fields)) problems.push({ field: k, message: `check "${type}": unknown field "${k}" (allowed: ${Object.keys(schema.fields).join(', ')})` });
  }
  for (const k of schema.required) if (!(k in f)) problems.push({ message: `check "${type}": missing field "${k}"` });
  for (const [k, kind] of Object.entries(schema.fields)) {
    if (!(k in f)) continue;
    const p = fieldProblem(kind, f[k]);
    if (p) problems.push({ field: k, message: `check "${type}": field "${k}" ${p}` });
  }
  const given = (names: string[]) => names.filter((n) => n in f);
  if (schema.oneOf && given(schema.oneOf).length !== 1) problems.push({ message: `check "${type}": give exactly one of ${schema.oneOf.join(', ')}` });
  if (schema.atMostOne && given(schema.atMostOne).length > 1) problems.push({ message: `check "${type}": give at most one of ${schema.atMostOne.join(', ')}` });
  if (schema.anyOf && given(schema.anyOf).length === 0) problems.push({ message: `check "${type}": give at least one of ${schema.anyOf.join(', ')}` });
  if (type === 'kubectl' && typeof f.args === 'string' && /^\s*kubectl\b/.test(f.args)) problems.push({ field: 'args', message: `check "kubectl": args start after "kubectl" (write "get pods", not "kubectl get pods")` });
  return { type, problems };
}
