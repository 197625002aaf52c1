// Field selectors as k8s.io/apimachinery/pkg/fields (ParseSelector, Matches, String), plus the
// apiserver's per-kind field labels: which labels a kind accepts (the AddFieldLabelConversionFunc
// funcs in pkg/apis/<group>/<version>/conversion.go) and what values it selects on (the
// registry strategies' ToSelectableFields).
import type { FieldOperator, FieldRequirement, FieldSelector } from './selector-types';
import { badRequest, goQuote, type StatusError } from './status';

export type FieldGetter = (field: string) => string | undefined;

/** fields.EscapeValue: backslash-escape `\`, `,` and `=`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => '\\' + c);
}

/** fields.UnescapeValue, with its error texts. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=')
        throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. as its number.
      throw new Error(`invalid field selector: unescapedRune character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

// Split on commas not preceded by a backslash escape; the escapes stay in the terms.
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const TERM_OPERATORS: FieldOperator[] = ['!=', '==', '='];

function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/**
 * fields.ParseSelector: `a=b,c!=d`, `==` as `=`, values may escape `\`, `,` and `=` with a
 * backslash. Terms are ordered as Go orders them (the raw terms, sorted). Throws an Error with
 * apimachinery's message.
 */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new Error(`invalid selector: '${s}'; can't understand '${part}'`);
    const [field, operator, raw] = t;
    requirements.push({ field, operator, value: unescapeFieldValue(raw) });
  }
  return { requirements };
}

/** Selector.String(): terms joined by ',' with values escaped; `==` prints as `=`. */
export function fieldSelectorString(sel: FieldSelector): string {
  return sel.requirements
    .map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeFieldValue(r.value)}`)
    .join(',');
}

export function isEmptyFieldSelector(sel: FieldSelector): boolean {
  return sel.requirements.length === 0;
}

/** fields.OneTermEqualSelector */
export function oneTermEqualSelector(field: string, value: string): FieldSelector {
  return { requirements: [{ field, operator: '=', value }] };
}

/** Selector.RequiresExactMatch: the value of the first `=` term on that field. */
export function fieldRequiresExactMatch(sel: FieldSelector, field: string): string | undefined {
  return sel.requirements.find((r) => r.field === field && r.operator !== '!=')?.value;
}

/** Selector.Matches: a field the object does not have reads as "". */
export function matchesFields(sel: FieldSelector, fields: FieldGetter | Record<string, string>): boolean {
  const get: FieldGetter = typeof fields === 'function' ? fields : (f) => fields[f];
  return sel.requirements.every((r) => {
    const v = get(r.field) ?? '';
    return r.operator === '!=' ? v !== r.value : v === r.value;
  });
}

// ---------------------------------------------------------------------------------------------
// Per-kind field labels

type Obj = Record<string, unknown>;

function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[p];
  }
  return cur;
}
const str = (obj: unknown, path: string): string => {
  const v = at(obj, path);
  return v === undefined || v === null ? '' : String(v);
};
const bool = (obj: unknown, path: string): string => String(at(obj, path) === true);
const int = (obj: unknown, path: string): string => String(Number(at(obj, path) ?? 0) | 0);

interface KindFields {
  /** cluster-scoped kinds neither accept nor select metadata.namespace */
  namespaced: boolean;
  /** the selectable fields beyond metadata, computed from the object */
  fields: (o: Obj) => Record<string, string>;
  /** labels accepted and rewritten (legacy or version-specific spellings) */
  aliases?: Record<string, string>;
  /** labels accepted by the conversion func but never set by ToSelectableFields (they select "") */
  acceptedOnly?: string[];
  /** the conversion func's rejection; default `field label not supported: <label>` */
  reject?: (label: string) => string;
}

const involvedObjectKeys = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

const KINDS: Record<string, KindFields> = {
  pods: {
    namespaced: true,
    fields: (o) => {
      const ips = at(o, 'status.podIPs');
      const firstIP = Array.isArray(ips) && ips.length > 0 ? str(ips[0], 'ip') : str(o, 'status.podIP');
      return {
        'spec.nodeName': str(o, 'spec.nodeName'),
        'spec.restartPolicy': str(o, 'spec.restartPolicy'),
        'spec.schedulerName': str(o, 'spec.schedulerName'),
        'spec.serviceAccountName': str(o, 'spec.serviceAccountName'),
        'spec.hostNetwork': bool(o, 'spec.hostNetwork'),
        'status.phase': str(o, 'status.phase'),
        'status.podIP': firstIP,
        'status.nominatedNodeName': str(o, 'status.nominatedNodeName'),
      };
    },
    aliases: { 'spec.host': 'spec.nodeName' },
    acceptedOnly: ['status.podIPs'],
  },
  nodes: { namespaced: false, fields: (o) => ({ 'spec.unschedulable': bool(o, 'spec.unschedulable') }) },
  namespaces: { namespaced: false, fields: (o) => ({ 'status.phase': str(o, 'status.phase') }) },
  secrets: { namespaced: true, fields: (o) => ({ type: str(o, 'type') }) },
  services: {
    namespaced: true,
    fields: (o) => ({ 'spec.clusterIP': str(o, 'spec.clusterIP'), 'spec.type': str(o, 'spec.type') }),
  },
  replicationcontrollers: { namespaced: true, fields: (o) => ({ 'status.replicas': int(o, 'status.replicas') }) },
  events: {
    namespaced: true,
    fields: (o) => {
      const out: Record<string, string> = {};
      for (const k of involvedObjectKeys) out[`involvedObject.${k}`] = str(o, `involvedObject.${k}`);
      out.reason = str(o, 'reason');
      out.reportingComponent = str(o, 'reportingComponent');
      out.source = str(o, 'source.component') || str(o, 'reportingComponent');
      out.type = str(o, 'type');
      return out;
    },
  },
  'events.events.k8s.io': {
    namespaced: true,
    // events.k8s.io/v1 shares storage with core events: the canonical labels are the core ones.
    fields: (o) => {
      const out: Record<string, string> = {};
      for (const k of involvedObjectKeys) out[`involvedObject.${k}`] = str(o, `regarding.${k}`);
      out.reason = str(o, 'reason');
      out.reportingComponent = str(o, 'reportingController');
      out.source = str(o, 'deprecatedSource.component') || str(o, 'reportingController');
      out.type = str(o, 'type');
      return out;
    },
    aliases: {
      ...Object.fromEntries(involvedObjectKeys.map((k) => [`regarding.${k}`, `involvedObject.${k}`])),
      reportingController: 'reportingComponent',
    },
  },
  'jobs.batch': {
    namespaced: true,
    fields: (o) => ({ 'status.successful': int(o, 'status.succeeded') }),
    reject: (label) => `field label ${goQuote(label)} not supported for Job`,
  },
  'certificatesigningrequests.certificates.k8s.io': {
    namespaced: false,
    fields: (o) => ({ 'spec.signerName': str(o, 'spec.signerName') }),
  },
};

// Labels of events.k8s.io events that pass through unchanged (the rest are aliases).
const EVENTS_V1_DIRECT = new Set(['reason', 'type']);

function kindKey(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** runtime.DefaultMetaV1FieldSelectorConversion's rejection, for kinds with no conversion func. */
function defaultReject(label: string): string {
  return `${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

/**
 * Scheme.ConvertFieldLabel for a resource: returns the canonical label, or throws an Error with
 * the apiserver's text (`field label not supported: foo`, or for kinds with no conversion func
 * `"foo" is not a known field selector: only "metadata.name", "metadata.namespace"`).
 */
export function convertFieldLabel(resource: string, label: string, group = ''): string {
  const key = kindKey(resource, group);
  const kind = KINDS[key];
  if (!kind) {
    if (label === 'metadata.name' || label === 'metadata.namespace') return label;
    throw new Error(defaultReject(label));
  }
  if (label === 'metadata.name' || (label === 'metadata.namespace' && kind.namespaced)) return label;
  if (kind.aliases?.[label]) return kind.aliases[label];
  const direct = key === 'events.events.k8s.io' ? EVENTS_V1_DIRECT.has(label) : label in kind.fields({});
  if (direct || kind.acceptedOnly?.includes(label)) return label;
  throw new Error((kind.reject ?? ((l: string) => `field label not supported: ${l}`))(label));
}

/**
 * The fields the apiserver can select on for an object of this resource (plural, with its API
 * group for non-core kinds), keyed by canonical label: metadata.name, metadata.namespace for
 * namespaced kinds, then the kind's own fields.
 */
export function fieldsFor(resource: string, obj: unknown, group = ''): Record<string, string> {
  const o = (obj ?? {}) as Obj;
  const kind = KINDS[kindKey(resource, group)];
  const out: Record<string, string> = { 'metadata.name': str(o, 'metadata.name') };
  if (!kind || kind.namespaced) out['metadata.namespace'] = str(o, 'metadata.namespace');
  if (kind) Object.assign(out, kind.fields(o));
  return out;
}

/**
 * Parses a fieldSelector query parameter for a resource and converts each label as the apiserver
 * does (fields.Selector.Transform with ConvertFieldLabel). Throws a 400 BadRequest StatusError
 * with the apiserver's message for syntax errors and unsupported labels.
 */
export function fieldSelectorForResource(resource: string, s: string, group = ''): FieldSelector {
  try {
    const sel = parseFieldSelector(s);
    return {
      requirements: sel.requirements.map((r) => ({ ...r, field: convertFieldLabel(resource, r.field, group) })),
    };
  } catch (e) {
    throw badRequest((e as Error).message) as StatusError;
  }
}

/** Whether an object of the resource matches an already-converted field selector. */
export function objectMatchesFields(resource: string, sel: FieldSelector, obj: unknown, group = ''): boolean {
  if (sel.requirements.length === 0) return true;
  return matchesFields(sel, fieldsFor(resource, obj, group));
}
