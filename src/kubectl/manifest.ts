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
    const parsed = parseAllDocuments(text, { version: '1.1' });
    const list = Array.isArray(parsed) ? parsed : [parsed];
    docs = [];
    for (const d of list) {
      const err = (d as { errors?: { message: string; linePos?: { line: number }[] }[] }).errors?.[0];
      if (err) throw new CmdError(`error parsing ${source}: error converting YAML to JSON: ${goYamlError(err, text)}`);
      docs.push((d as { toJSON(): unknown }).toJSON());
    }
  }
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue;
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      throw new CmdError(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const o = doc as KubeObject;
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray((o as { items?: unknown }).items)) {
      for (const item of (o as unknown as { items: KubeObject[] }).items) out.push({ object: item, source });
      continue;
    }
    if (!o.apiVersion || !o.kind) {
      const missing = !o.apiVersion && !o.kind ? 'apiVersion not set, kind not set' : !o.apiVersion ? 'apiVersion not set' : 'kind not set';
      throw new CmdError(`error validating "${source}": error validating data: [${missing}]; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    out.push({ object: o, source });
  }
  return out;
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
