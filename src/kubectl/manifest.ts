// Reading manifests for -f: files, directories and stdin; YAML streams, JSON, and Lists, with
// kubectl's error texts for the common mistakes.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../api/types';
import { CmdError } from './errors';
import type { KubectlIO } from './io';

export interface ManifestObject {
  object: KubeObject;
  source: string;
}

/** go-yaml's wording for the errors people make most (tabs, bad indentation, stray colons). */
function goYamlError(e: { message: string; linePos?: { line: number }[] }, text: string): string {
  const line = e.linePos?.[0]?.line;
  const msg = e.message;
  const at = line ? `line ${line}: ` : '';
  // The parser recursing out of stack on very deep nesting: go-yaml's depth limit says it best.
  if (/Maximum call stack/i.test(msg)) return 'yaml: exceeded max depth of 10000';
  if (/tab/i.test(msg) || (line && /\t/.test(text.split('\n')[line - 1] ?? ''))) return `yaml: ${at}found character that cannot start any token`;
  if (/Nested mappings are not allowed in compact mappings|Implicit map keys need to be/i.test(msg)) return `yaml: ${at}mapping values are not allowed in this context`;
  if (/Missing closing|Unexpected end/i.test(msg)) return `yaml: ${at}did not find expected node content`;
  if (/indent/i.test(msg)) return `yaml: ${at}did not find expected key`;
  return `yaml: ${at}${msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
}

/** Parses one file's text into objects (documents, Lists flattened). */
export function parseManifest(text: string, source: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  const trimmed = text.trimStart();
  let docs: unknown[];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      docs = [JSON.parse(text)];
    } catch (e) {
      throw new CmdError(`error parsing ${source}: ${(e as Error).message}`);
    }
  } else {
    // kubectl reads YAML 1.1 (go-yaml v2): y/n/yes/no/on/off are booleans there.
    // logLevel error: no process warnings ("Keys with collection values will be stringified") from the parser.
    const parsed = parseAllDocuments(text, { version: '1.1', logLevel: 'error' });
    const list = Array.isArray(parsed) ? parsed : [parsed];
    docs = [];
    for (const d of list) {
      const err = (d as { errors?: { message: string; linePos?: { line: number }[] }[] }).errors?.[0];
      if (err) throw new CmdError(`error parsing ${source}: error converting YAML to JSON: ${goYamlError(err, text)}`);
      try {
        docs.push((d as { toJSON(): unknown }).toJSON());
      } catch (e) {
        // Alias bombs (yaml's maxAliasCount) and nesting too deep to convert.
        const m = (e as Error).message ?? String(e);
        throw new CmdError(`error parsing ${source}: error converting YAML to JSON: ${/Maximum call stack/i.test(m) ? 'yaml: exceeded max depth of 10000' : `yaml: ${m}`}`);
      }
    }
  }
  const add = (doc: unknown, inList: boolean): void => {
    if ((doc === null || doc === undefined) && !inList) return;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new CmdError(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const o = doc as KubeObject;
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray((o as { items?: unknown }).items)) {
      for (const item of (o as unknown as { items: unknown[] }).items) add(item, true);
      return;
    }
    if (!o.apiVersion || !o.kind) {
      const missing = !o.apiVersion && !o.kind ? 'apiVersion not set, kind not set' : !o.apiVersion ? 'apiVersion not set' : 'kind not set';
      throw new CmdError(`error validating "${source}": error validating data: [${missing}]; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    for (const f of ['apiVersion', 'kind'] as const) {
      if (typeof o[f] !== 'string') throw new CmdError(`error validating "${source}": error validating data: ${f} isn't string type; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const bad = metadataDecodeError(o);
    if (bad) throw new CmdError(`unable to decode "${source}": json: ${bad}`);
    out.push({ object: o, source });
  };
  for (const doc of docs) add(doc, false);
  return out;
}

/** encoding/json's name for a JSON value's type in "cannot unmarshal X into ...". */
function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * kubectl decodes every object's metadata into ObjectMeta before anything else: a name that is
 * a map, labels that are a list, never reach a request (where they would print as
 * "[object Object]" or address the wrong object).
 */
function metadataDecodeError(o: KubeObject): string | undefined {
  const m = (o as { metadata?: unknown }).metadata;
  if (m === undefined || m === null) return undefined;
  if (typeof m !== 'object' || Array.isArray(m)) return `cannot unmarshal ${jsonType(m)} into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta`;
  const meta = m as Record<string, unknown>;
  for (const f of ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp']) {
    const v = meta[f];
    if (v !== undefined && v !== null && typeof v !== 'string') return `cannot unmarshal ${jsonType(v)} into Go struct field ObjectMeta.metadata.${f} of type string`;
  }
  for (const f of ['labels', 'annotations']) {
    const v = meta[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'object' || Array.isArray(v)) return `cannot unmarshal ${jsonType(v)} into Go struct field ObjectMeta.metadata.${f} of type map[string]string`;
    for (const x of Object.values(v as Record<string, unknown>)) {
      if (x !== null && typeof x !== 'string') return `cannot unmarshal ${jsonType(x)} into Go struct field ObjectMeta.metadata.${f} of type string`;
    }
  }
  return undefined;
}

/** Reads every -f argument (files, directories with .json/.yaml/.yml, `-` for stdin). */
export async function readManifests(io: KubectlIO, paths: string[], recursive = false): Promise<ManifestObject[]> {
  const out: ManifestObject[] = [];
  for (const p of paths) {
    if (p === '-') {
      const text = (await io.readStdin?.()) ?? '';
      out.push(...parseManifest(text, 'STDIN'));
      continue;
    }
    if (/^https?:\/\//.test(p)) throw new CmdError(`unable to read URL "${p}", server reported 404 Not Found, status code=404`);
    const dir = io.listDir?.(p);
    if (dir) {
      for (const name of dir.sort()) {
        const full = `${p.replace(/\/$/, '')}/${name}`;
        if (io.listDir?.(full)) {
          if (recursive) out.push(...(await readManifests(io, [full], true)));
          continue;
        }
        if (/\.(json|ya?ml)$/.test(name)) out.push(...parseManifest(io.readFile(full) ?? '', full));
      }
      continue;
    }
    const text = io.readFile(p);
    if (text === undefined) throw new CmdError(`the path "${p}" does not exist`);
    out.push(...parseManifest(text, p));
  }
  return out;
}
