#!/usr/bin/env node
// Generates src/generated/k8s-schemas.json (and its field-validation view k8s-fields.json): OpenAPI v3 component schemas, named as Kubernetes
// names them, read from the kubernetes-types package's .d.ts files with the TypeScript compiler
// API. Runs at `npm ci` / `npm install` ("prepare"). The output is gitignored.
//
// Output: { source, kinds: [{group, version, kind, definition}], schemas: {<name>: <schema>} }
// Deterministic: files, definitions and object keys are emitted in sorted order.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { fieldSchemas } from './openapi-fields.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES_DIR = path.join(ROOT, 'node_modules', 'kubernetes-types');
const OUT = path.join(ROOT, 'src', 'generated', 'k8s-schemas.json');
// The validators' reduced copy (see openapi-fields.mjs): loaded at the cluster's start.
const FIELDS_OUT = path.join(ROOT, 'src', 'generated', 'k8s-fields.json');
const REF = '#/components/schemas/';

function fail(msg) {
  console.error(`gen-openapi: ${msg}`);
  process.exit(1);
}

const require = createRequire(import.meta.url);
let ts;
try {
  ts = require('typescript');
} catch {
  fail('the "typescript" package is not installed; run `npm ci` first.');
}
if (!fs.existsSync(path.join(TYPES_DIR, 'package.json'))) {
  fail(`kubernetes-types is missing (looked in ${path.relative(ROOT, TYPES_DIR)}); run \`npm ci\` (it is a devDependency).`);
}
const typesVersion = JSON.parse(fs.readFileSync(path.join(TYPES_DIR, 'package.json'), 'utf8')).version;

// ---------------------------------------------------------------- tables of what .d.ts cannot say

/** Go package prefix of the definitions in one kubernetes-types module (path without .d.ts). */
function packagePrefix(mod) {
  if (mod === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (mod === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (mod === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (mod === 'version') return 'io.k8s.apimachinery.pkg.version';
  if (mod === 'apiextensions/v1') return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
  const m = /^([a-z0-9]+)\/(v[0-9a-z]+)$/.exec(mod);
  return m ? `io.k8s.api.${m[1]}.${m[2]}` : undefined;
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** int64 fields, by JSON name (Kubernetes' int64 fields are few and consistently named). */
const INT64 = new Set([
  'activeDeadlineSeconds', 'deletionGracePeriodSeconds', 'expirationSeconds', 'fsGroup', 'generation', 'gid',
  'gracePeriodSeconds', 'observedGeneration', 'remainingItemCount', 'revision', 'runAsGroup', 'runAsUser',
  'seconds', 'sizeBytes', 'startingDeadlineSeconds', 'supplementalGroups', 'terminationGracePeriodSeconds',
  'tolerationSeconds', 'uid', 'maxItems', 'maxLength', 'maxProperties', 'minItems', 'minLength', 'minProperties',
]);
/** The API's few floating-point fields, as `<Type>.<field>`. */
const DOUBLE = new Set(['JSONSchemaProps.maximum', 'JSONSchemaProps.minimum', 'JSONSchemaProps.multipleOf']);
/** []byte fields (base64 strings on the wire), as `<Type>.<field>`. */
const BYTES = new Set([
  'Secret.data', 'ConfigMap.binaryData', 'WebhookClientConfig.caBundle', 'ServiceReference.caBundle',
  'CertificateSigningRequestSpec.request', 'CertificateSigningRequestStatus.certificate',
]);
/** Struct fields that are values, not pointers, in Go: the real spec gives them `default: {}`. */
const VALUE_STRUCTS = new Set(['metadata', 'spec', 'status', 'template', 'strategy', 'updateStrategy', 'resources']);
/** `+default` markers the real spec carries. */
const DEFAULTS = { 'ContainerPort.protocol': 'TCP', 'ServicePort.protocol': 'TCP' };
/** List semantics (strategic merge keys), as the real spec carries them for the common lists. */
const LISTS = {
  'PodSpec.containers': { keys: ['name'], merge: 'name' },
  'PodSpec.initContainers': { keys: ['name'], merge: 'name' },
  'PodSpec.ephemeralContainers': { keys: ['name'], merge: 'name' },
  'PodSpec.volumes': { keys: ['name'], merge: 'name', strategy: 'merge,retainKeys' },
  'PodSpec.imagePullSecrets': { keys: ['name'], merge: 'name' },
  'PodSpec.hostAliases': { keys: ['ip'], merge: 'ip' },
  'PodSpec.tolerations': { type: 'atomic' },
  'Container.env': { keys: ['name'], merge: 'name' },
  'Container.ports': { keys: ['containerPort', 'protocol'], merge: 'containerPort' },
  'Container.volumeMounts': { keys: ['mountPath'], merge: 'mountPath' },
  'Container.volumeDevices': { keys: ['devicePath'], merge: 'devicePath' },
  'EphemeralContainer.env': { keys: ['name'], merge: 'name' },
  'EphemeralContainer.volumeMounts': { keys: ['mountPath'], merge: 'mountPath' },
  'ServiceSpec.ports': { keys: ['port', 'protocol'], merge: 'port' },
  'ObjectMeta.ownerReferences': { keys: ['uid'], merge: 'uid' },
  'ObjectMeta.finalizers': { type: 'set', strategy: 'merge' },
  'NodeSpec.taints': { type: 'atomic' },
  'PodStatus.conditions': { keys: ['type'], merge: 'type' },
  'NodeStatus.conditions': { keys: ['type'], merge: 'type' },
  'NodeStatus.addresses': { keys: ['type'], merge: 'type' },
  'DeploymentStatus.conditions': { keys: ['type'], merge: 'type' },
  'ReplicaSetStatus.conditions': { keys: ['type'], merge: 'type' },
  'StatefulSetStatus.conditions': { keys: ['type'], merge: 'type' },
  'DaemonSetStatus.conditions': { keys: ['type'], merge: 'type' },
  'JobStatus.conditions': { type: 'atomic', merge: 'type' },
  'ReplicationControllerStatus.conditions': { keys: ['type'], merge: 'type' },
};

// ---------------------------------------------------------------- reading the .d.ts files

function listModules(dir, base = '') {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listModules(path.join(dir, e.name), rel));
    else if (e.name.endsWith('.d.ts')) out.push(rel.slice(0, -'.d.ts'.length));
  }
  return out;
}

/** The JSDoc text just before a node, without the comment markers. */
function docOf(node, text) {
  const ranges = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  const r = ranges.filter((c) => text.startsWith('/**', c.pos)).pop();
  if (!r) return undefined;
  const body = text.slice(r.pos + 3, r.end - 2);
  const lines = body.split('\n').map((l) => l.replace(/^\s*\* ?/, '').replace(/\s+$/, ''));
  const s = lines.join('\n').trim().replace(/\*\\\//g, '*/');
  return s || undefined;
}

const schemas = {};
const kinds = [];
const groupVersions = new Set();

function readModule(mod) {
  const prefix = packagePrefix(mod);
  if (!prefix) {
    console.warn(`gen-openapi: skipping kubernetes-types/${mod}.d.ts (unknown package)`);
    return;
  }
  const file = path.join(TYPES_DIR, `${mod}.d.ts`);
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = new Map(); // local name -> full definition name
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(mod), st.moduleSpecifier.text));
      const p = packagePrefix(target);
      if (!p) fail(`cannot map import "${st.moduleSpecifier.text}" in ${mod}.d.ts`);
      for (const el of st.importClause.namedBindings.elements) names.set(el.name.text, `${p}.${(el.propertyName ?? el.name).text}`);
    } else if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name) {
      names.set(st.name.text, `${prefix}.${st.name.text}`);
    }
  }
  const ctx = { names, text, mod };
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st)) {
      schemas[`${prefix}.${st.name.text}`] = interfaceSchema(st, ctx);
    } else if (ts.isTypeAliasDeclaration(st)) {
      schemas[`${prefix}.${st.name.text}`] = aliasSchema(st, ctx);
    }
  }
}

function aliasSchema(st, ctx) {
  const description = docOf(st, ctx.text);
  const name = st.name.text;
  if (name === 'Quantity') return { description, oneOf: [{ type: 'string' }, { type: 'number' }] };
  if (name === 'Time' || name === 'MicroTime') return { description, type: 'string', format: 'date-time' };
  if (st.type.kind === ts.SyntaxKind.StringKeyword) return { description, type: 'string' };
  return { description };
}

function interfaceSchema(st, ctx) {
  const owner = st.name.text;
  const out = { description: docOf(st, ctx.text), type: 'object' };
  const properties = {};
  const required = [];
  const literals = {};
  for (const m of st.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText();
    const isRequired = !m.questionToken;
    if (isRequired) required.push(name);
    if (ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)) literals[name] = m.type.literal.text;
    properties[name] = propertySchema(m, name, owner, isRequired, ctx);
  }
  if (Object.keys(properties).length) out.properties = properties;
  if (required.length) out.required = required;
  if (literals.apiVersion && literals.kind) {
    const i = literals.apiVersion.indexOf('/');
    const gvk = {
      group: i < 0 ? '' : literals.apiVersion.slice(0, i),
      version: i < 0 ? literals.apiVersion : literals.apiVersion.slice(i + 1),
      kind: literals.kind,
    };
    out['x-kubernetes-group-version-kind'] = [gvk];
    groupVersions.add(`${gvk.group}/${gvk.version}`);
  }
  return out;
}

function propertySchema(m, name, owner, isRequired, ctx) {
  const key = `${owner}.${name}`;
  const description = docOf(m, ctx.text);
  let s = typeSchema(m.type, { ...ctx, owner, name });
  if (BYTES.has(key)) {
    if (s.type === 'object') s.additionalProperties = { type: 'string', format: 'byte' };
    else s = { type: 'string', format: 'byte' };
  }
  if (s.$ref) {
    const wrapped = { allOf: [{ $ref: s.$ref }] };
    if (isStructRef(s.$ref) && (isRequired || VALUE_STRUCTS.has(name))) wrapped.default = {};
    s = wrapped;
  } else if (isRequired && s.default === undefined) {
    if (s.type === 'string' && s.format !== 'byte') s.default = '';
    else if (s.type === 'integer') s.default = 0;
    else if (s.type === 'boolean') s.default = false;
  }
  if (DEFAULTS[key] !== undefined) s.default = DEFAULTS[key];
  const list = LISTS[key];
  if (list && s.type === 'array') {
    if (list.keys) s['x-kubernetes-list-map-keys'] = list.keys;
    s['x-kubernetes-list-type'] = list.type ?? 'map';
    if (list.merge) s['x-kubernetes-patch-merge-key'] = list.merge;
    if (list.merge || list.strategy) s['x-kubernetes-patch-strategy'] = list.strategy ?? 'merge';
  }
  if (description) s.description = description;
  return s;
}

/** Element schema for array items and map values: structs wrapped as the real spec does. */
function elementSchema(node, ctx) {
  const s = typeSchema(node, ctx);
  if (s.$ref && isStructRef(s.$ref)) return { allOf: [{ $ref: s.$ref }], default: {} };
  if (s.type === 'string' && s.format === undefined) s.default = '';
  if (s.type === 'integer') s.default = 0;
  return s;
}

const NON_STRUCT = /\.(Quantity|Time|MicroTime|IntOrString|JSONSchemaPropsOrArray|JSONSchemaPropsOrBool|JSONSchemaPropsOrStringArray)$/;
function isStructRef(ref) {
  return !NON_STRUCT.test(ref);
}

function typeSchema(node, ctx) {
  const K = ts.SyntaxKind;
  switch (node.kind) {
    case K.StringKeyword:
      return { type: 'string' };
    case K.BooleanKeyword:
      return { type: 'boolean' };
    case K.NumberKeyword: {
      if (DOUBLE.has(`${ctx.owner}.${ctx.name}`)) return { type: 'number', format: 'double' };
      return { type: 'integer', format: INT64.has(ctx.name) ? 'int64' : 'int32' };
    }
    case K.LiteralType:
      return { type: 'string' };
    case K.ParenthesizedType:
      return typeSchema(node.type, ctx);
    case K.ArrayType:
      return { type: 'array', items: elementSchema(node.elementType, ctx) };
    case K.UnionType: {
      const kinds = new Set(node.types.map((t) => t.kind));
      if (kinds.has(K.NumberKeyword) && kinds.has(K.StringKeyword)) return { $ref: REF + INT_OR_STRING };
      if ([...kinds].every((k) => k === K.LiteralType)) return { type: 'string' };
      return {};
    }
    case K.TypeLiteral: {
      const index = node.members.find((mm) => ts.isIndexSignatureDeclaration(mm));
      if (index) return { type: 'object', additionalProperties: elementSchema(index.type, ctx) };
      return { type: 'object' };
    }
    case K.TypeReference: {
      const n = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
      if (n === 'Array' && node.typeArguments?.length === 1) return { type: 'array', items: elementSchema(node.typeArguments[0], ctx) };
      const full = ctx.names.get(n);
      if (!full) fail(`unresolved type ${n} in ${ctx.mod}.d.ts (${ctx.owner}.${ctx.name})`);
      return { $ref: REF + full };
    }
    default:
      return {};
  }
}

// ---------------------------------------------------------------- main

const t0 = Date.now();
for (const mod of listModules(TYPES_DIR)) readModule(mod);

schemas[INT_OR_STRING] = {
  description:
    'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
  format: 'int-or-string',
  oneOf: [{ type: 'integer' }, { type: 'string' }],
};

// Kinds the apiserver serves in every group-version, as the real documents list them.
const allGVs = [...groupVersions].sort().map((gv) => {
  const [group, version] = gv.split('/');
  return { group, version };
});
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
for (const kind of ['DeleteOptions', 'WatchEvent']) {
  if (schemas[`${META}.${kind}`]) schemas[`${META}.${kind}`]['x-kubernetes-group-version-kind'] = allGVs.map((gv) => ({ ...gv, kind }));
}
if (schemas[`${META}.Status`]) schemas[`${META}.Status`]['x-kubernetes-group-version-kind'] = [{ group: '', version: 'v1', kind: 'Status' }];

// Check every $ref resolves.
const dangling = new Set();
(function walk(v) {
  if (Array.isArray(v)) v.forEach(walk);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string' && !schemas[x.slice(REF.length)]) dangling.add(x);
      else walk(x);
    }
  }
})(schemas);
if (dangling.size) fail(`unresolved references: ${[...dangling].join(', ')}`);

for (const [name, s] of Object.entries(schemas)) {
  for (const gvk of s['x-kubernetes-group-version-kind'] ?? []) {
    if (name.startsWith(META + '.') && (name.endsWith('.DeleteOptions') || name.endsWith('.WatchEvent'))) continue;
    kinds.push({ group: gvk.group, version: gvk.version, kind: gvk.kind, definition: name });
  }
}
kinds.sort((a, b) => (a.definition < b.definition ? -1 : a.definition > b.definition ? 1 : 0));

/** Sorted keys everywhere (as the real documents are), arrays kept in order, undefined dropped. */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) o[k] = sortKeys(v[k]);
    return o;
  }
  return v;
}

const doc = sortKeys({ source: `kubernetes-types@${typesVersion}`, kinds, schemas });
const json = JSON.stringify(doc) + '\n';
fs.mkdirSync(path.dirname(OUT), { recursive: true });
const old = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
if (old !== json) fs.writeFileSync(OUT, json);
const fieldsJson = JSON.stringify(fieldSchemas(doc)) + '\n';
if (!fs.existsSync(FIELDS_OUT) || fs.readFileSync(FIELDS_OUT, 'utf8') !== fieldsJson) fs.writeFileSync(FIELDS_OUT, fieldsJson);
console.log(
  `gen-openapi: ${Object.keys(schemas).length} schemas, ${kinds.length} kinds from kubernetes-types@${typesVersion} ` +
    `-> ${path.relative(ROOT, OUT)} (${(json.length / 1024).toFixed(0)} KB${old === json ? ', unchanged' : ''}, ${Date.now() - t0} ms)`,
);
