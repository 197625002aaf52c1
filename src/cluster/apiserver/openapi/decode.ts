// Server-side field validation (strict decoding) against the generated schemas, with the messages
// kube-apiserver gives: sigs.k8s.io/json's `unknown field "spec.containers[0].imagePullPolice"` and
// `duplicate field "metadata.name"`, joined by apimachinery as
// `strict decoding error: unknown field "a", duplicate field "b"`, and encoding/json's
// `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`
// (the field path names struct fields only: no list indexes, no map keys).
import { jsonKind, jsonNodeOf, parseJsonText, type JsonNode } from './json-text';
import { getSchema, refName, type Schema } from './schemas';
import { base64Error, quantityError, rfc3339Error } from './values';

export interface FieldCheck {
  /** Unknown field paths, in document order, each once. */
  unknown: string[];
  /** Duplicate field paths, in document order. */
  duplicates: string[];
  /** Strict messages in the order the decoder meets them: `unknown field "x"`, `duplicate field "y"`. */
  messages: string[];
  /** Decoding errors in document order; the real decoder reports the first one only. */
  typeErrors: string[];
}

export function unknownFieldMessage(path: string): string {
  return `unknown field ${JSON.stringify(path)}`;
}

export function duplicateFieldMessage(path: string): string {
  return `duplicate field ${JSON.stringify(path)}`;
}

/**
 * apimachinery's strictDecodingError text for unknown then duplicate paths. For the decoder's own
 * interleaved order use `strictDecodingMessage(checkJsonFields(...).messages)`.
 */
export function strictDecodingError(unknown: string[], duplicates: string[] = []): string {
  return strictDecodingMessage([...unknown.map(unknownFieldMessage), ...duplicates.map(duplicateFieldMessage)]);
}

/** `strict decoding error: ` + the messages joined by `, `. */
export function strictDecodingMessage(messages: string[]): string {
  return `strict decoding error: ${messages.join(', ')}`;
}

/** kube-apiserver's wrapping of a decode error: `Pod in version "v1" cannot be handled as a Pod: ...`. */
export function cannotBeHandledMessage(kind: string, version: string, detail: string): string {
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${detail}`;
}

/** Checks a parsed object (e.g. from YAML) against a definition: unknown fields and type errors. */
export function checkFields(definitionName: string, obj: unknown): { unknown: string[]; typeErrors: string[] } {
  const r = walkDocument(definitionName, jsonNodeOf(obj));
  return { unknown: r.unknown, typeErrors: r.typeErrors };
}

/** Checks raw JSON text: unknown and duplicate fields in the decoder's order, and type errors. */
export function checkJsonFields(definitionName: string, jsonText: string): FieldCheck {
  return walkDocument(definitionName, parseJsonText(jsonText));
}

/** Duplicate keys anywhere in the JSON text, as paths (`metadata.name`, `spec.containers[0].image`). */
export function duplicateFields(jsonText: string): string[] {
  const out: string[] = [];
  const visit = (n: JsonNode, path: string) => {
    if (n.t === 'array') n.items.forEach((x, i) => visit(x, `${path}[${i}]`));
    if (n.t !== 'object') return;
    const seen = new Set<string>();
    for (const [k, v] of n.entries) {
      const p = path ? `${path}.${k}` : k;
      if (seen.has(k)) out.push(p);
      seen.add(k);
      visit(v, p);
    }
  };
  visit(parseJsonText(jsonText), '');
  return out;
}

// ---------------------------------------------------------------- the walk

/** Named Go types of common fields (the .d.ts files only know `string`). Key: `<Struct>.<field>`. */
const NAMED_TYPES: Record<string, string> = {
  'PodSpec.restartPolicy': 'v1.RestartPolicy',
  'PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'Container.imagePullPolicy': 'v1.PullPolicy',
  'Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'ContainerPort.protocol': 'v1.Protocol',
  'ServicePort.protocol': 'v1.Protocol',
  'ServiceSpec.type': 'v1.ServiceType',
  'ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'ServiceSpec.externalTrafficPolicy': 'v1.ServiceExternalTrafficPolicy',
  'ServiceSpec.internalTrafficPolicy': 'v1.ServiceInternalTrafficPolicy',
  'ResourceRequirements.limits': 'v1.ResourceList',
  'ResourceRequirements.requests': 'v1.ResourceList',
  'Toleration.operator': 'v1.TolerationOperator',
  'Toleration.effect': 'v1.TaintEffect',
  'Taint.effect': 'v1.TaintEffect',
  'Secret.type': 'v1.SecretType',
  'PodStatus.phase': 'v1.PodPhase',
  'PodCondition.type': 'v1.PodConditionType',
  'NamespaceStatus.phase': 'v1.NamespacePhase',
  'DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'JobSpec.completionMode': 'v1.CompletionMode',
  'CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
};

interface Ctx {
  /** Go struct whose field is being decoded, and the json names of the struct fields from the root. */
  struct: string;
  stack: string[];
}

class Walker {
  readonly unknown: string[] = [];
  readonly duplicates: string[] = [];
  readonly messages: string[] = [];
  readonly typeErrors: string[] = [];
  private readonly seenUnknown = new Set<string>();

  typeError(value: string, goType: string, ctx: Ctx | undefined): void {
    this.typeErrors.push(
      ctx && ctx.stack.length
        ? `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.stack.join('.')} of type ${goType}`
        : `json: cannot unmarshal ${value} into Go value of type ${goType}`,
    );
  }

  unknownField(path: string): void {
    if (this.seenUnknown.has(path)) return;
    this.seenUnknown.add(path);
    this.unknown.push(path);
    this.messages.push(unknownFieldMessage(path));
  }

  duplicateField(path: string): void {
    this.duplicates.push(path);
    this.messages.push(duplicateFieldMessage(path));
  }

  /** Decodes n into the type described by schema s (a property, item or map-value schema). */
  value(s: Schema, n: JsonNode, path: string, ctx: Ctx | undefined, goType: string): void {
    if (n.t === 'null') return; // null leaves any Go value untouched, without error
    const def = refName(s);
    const target = def ? getSchema(def) ?? {} : s;
    const shortDef = def?.slice(def.lastIndexOf('.') + 1);
    if (shortDef === 'Quantity' && def!.endsWith('resource.Quantity')) {
      const text = n.t === 'string' ? n.v : n.t === 'number' ? n.raw : n.t === 'bool' ? String(n.v) : '{';
      const err = quantityError(text);
      if (err) this.typeErrors.push(err);
      return;
    }
    if (shortDef === 'IntOrString') {
      if (n.t === 'string') return;
      if (n.t === 'number') return this.integer(n.raw, 'int32', ctx);
      return this.typeError(jsonKind(n), 'int32', ctx);
    }
    if (target.format === 'date-time' && target.type === 'string') {
      if (n.t !== 'string') return this.typeError(jsonKind(n), 'string', ctx);
      const err = rfc3339Error(n.v);
      if (err) this.typeErrors.push(err);
      return;
    }
    switch (target.type) {
      case 'string':
        if (target.format === 'byte') {
          if (n.t !== 'string') return this.typeError(jsonKind(n), goType, ctx);
          const err = base64Error(n.v);
          if (err) this.typeErrors.push(err);
          return;
        }
        if (n.t !== 'string') this.typeError(n.t === 'number' ? 'number' : jsonKind(n), goType, ctx);
        return;
      case 'integer':
        if (n.t !== 'number') return this.typeError(jsonKind(n), goType, ctx);
        return this.integer(n.raw, goType, ctx);
      case 'number':
        if (n.t !== 'number') this.typeError(jsonKind(n), goType, ctx);
        return;
      case 'boolean':
        if (n.t !== 'bool') this.typeError(n.t === 'number' ? 'number' : jsonKind(n), goType, ctx);
        return;
      case 'array': {
        if (n.t !== 'array') return this.typeError(n.t === 'number' ? 'number' : jsonKind(n), goType, ctx);
        const items = target.items ?? {};
        const itemType = goTypeOf(items);
        n.items.forEach((x, i) => this.value(items, x, `${path}[${i}]`, ctx, itemType));
        return;
      }
    }
    if (target.type === 'object' || target.properties) {
      if (n.t !== 'object') return this.typeError(n.t === 'number' ? 'number' : jsonKind(n), goType, ctx);
      if (target.properties) return this.struct(def ?? '', target, n, path, ctx);
      const ap = target.additionalProperties;
      if (ap && typeof ap === 'object') return this.map(ap, n, path, ctx);
      return; // free-form: RawExtension, FieldsV1, JSON
    }
    // No type (JSONSchemaPropsOrArray and friends): anything goes.
  }

  integer(raw: string, goType: string, ctx: Ctx | undefined): void {
    const bits = goType === 'int64' ? 64n : 32n;
    const ok = /^-?[0-9]+$/.test(raw) && BigInt(raw) >= -(1n << (bits - 1n)) && BigInt(raw) < 1n << (bits - 1n);
    if (!ok) this.typeError(`number ${raw}`, goType, ctx);
  }

  map(valueSchema: Schema, n: Extract<JsonNode, { t: 'object' }>, path: string, ctx: Ctx | undefined): void {
    const seen = new Set<string>();
    const valueType = goTypeOf(valueSchema);
    for (const [k, v] of n.entries) {
      const p = path ? `${path}.${k}` : k;
      if (seen.has(k)) this.duplicateField(p);
      seen.add(k);
      this.value(valueSchema, v, p, ctx, valueType);
    }
  }

  struct(def: string, s: Schema, n: Extract<JsonNode, { t: 'object' }>, path: string, ctx: Ctx | undefined): void {
    const structName = def.slice(def.lastIndexOf('.') + 1);
    const seen = new Set<string>();
    for (const [k, v] of n.entries) {
      const p = path ? `${path}.${k}` : k;
      const prop = s.properties![k];
      if (!prop) {
        if (!s['x-kubernetes-preserve-unknown-fields']) this.unknownField(p);
        continue;
      }
      if (seen.has(k)) this.duplicateField(p);
      seen.add(k);
      const inner: Ctx = { struct: structName, stack: [...(ctx?.stack ?? []), k] };
      this.value(prop, v, p, inner, NAMED_TYPES[`${structName}.${k}`] ?? goTypeOf(prop));
    }
  }
}

function walkDocument(definitionName: string, root: JsonNode): FieldCheck {
  const s = getSchema(definitionName);
  if (!s) throw new Error(`openapi: no schema named ${definitionName}`);
  const w = new Walker();
  w.value({ $ref: `#/components/schemas/${definitionName}` }, root, '', undefined, goTypeOf({ $ref: `#/components/schemas/${definitionName}` }));
  return { unknown: w.unknown, duplicates: w.duplicates, messages: w.messages, typeErrors: w.typeErrors };
}

/** The Go type a schema decodes into, as reflect.Type.String() prints it. */
export function goTypeOf(s: Schema): string {
  const def = refName(s);
  if (def) {
    const parts = def.split('.');
    return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
  }
  switch (s.type) {
    case 'string':
      return s.format === 'byte' ? '[]uint8' : 'string';
    case 'integer':
      return s.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]${goTypeOf(s.items ?? {})}`;
    case 'object':
      if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map[string]${goTypeOf(s.additionalProperties)}`;
      return 'map[string]interface {}';
  }
  return 'interface {}';
}
