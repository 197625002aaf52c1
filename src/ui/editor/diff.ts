// The editor's Diff, the way `kubectl diff -f` works: for each object in the text, the live
// object against what the server would make of the file (a server-side dry run: a strategic
// merge patch onto the live object, or a create for a new one). Both sides as `kubectl get -o
// yaml` prints them, without managedFields. Loaded lazily (it pulls in the YAML library).
import type { ApiRequest, ApiResponse } from '../../api/client';
import { lookupKind, objectPath, collectionPath, parseApiVersion } from '../../api/registry';
import type { KubeObject } from '../../api/types';
import { parseManifest } from '../../kubectl/manifest';
import { toYaml } from '../../kubectl/printers/yaml';
import type { DiffResult } from './types';

export type Api = (request: ApiRequest) => Promise<ApiResponse>;

function clean(obj: unknown): unknown {
  if (!obj || typeof obj !== 'object') return obj;
  const o = structuredClone(obj) as KubeObject & { metadata?: Record<string, unknown> };
  if (o.metadata) delete o.metadata.managedFields;
  return o;
}

function message(body: unknown, fallback: string): string {
  const m = (body as { message?: unknown } | undefined)?.message;
  return typeof m === 'string' ? m : fallback;
}

export async function diffManifest(api: Api, text: string, defaultNamespace = 'default'): Promise<DiffResult> {
  let objects: KubeObject[];
  try {
    objects = parseManifest(text, 'STDIN').map((m) => m.object);
  } catch (e) {
    return { ok: false, output: `error: ${(e as Error).message}\n` };
  }
  const live: string[] = [];
  const merged: string[] = [];
  const lines: string[] = [];
  let ok = true;
  for (const obj of objects) {
    // parseManifest refuses objects without apiVersion or kind.
    const apiVersion = obj.apiVersion ?? '';
    const kind = obj.kind ?? '';
    const { group, version } = parseApiVersion(apiVersion);
    const r = lookupKind(group, version, kind);
    const name = obj.metadata?.name;
    const ref = `${kind.toLowerCase()}${group ? '.' + group : ''}/${name ?? ''}`;
    if (!r) {
      ok = false;
      lines.push(`error: resource mapping not found for name: "${name ?? ''}" namespace: "" from "STDIN": no matches for kind "${kind}" in version "${apiVersion}"`);
      continue;
    }
    if (!name) {
      ok = false;
      lines.push(`error: ${kind} has no metadata.name`);
      continue;
    }
    const ns = r.scope === 'Namespaced' ? (obj.metadata?.namespace ?? defaultNamespace) : undefined;
    const current = await api({ verb: 'GET', path: objectPath(r, name, ns) });
    let dry: ApiResponse;
    if (current.status === 404) {
      dry = await api({ verb: 'POST', path: collectionPath(r, ns), query: { dryRun: 'All' }, body: obj });
    } else if (current.status >= 400) {
      ok = false;
      lines.push(`Error from server: ${message(current.body, `status ${current.status}`)}`);
      continue;
    } else {
      dry = await api({ verb: 'PATCH', path: objectPath(r, name, ns), query: { dryRun: 'All' }, contentType: 'application/strategic-merge-patch+json', body: obj });
    }
    if (dry.status >= 400) {
      ok = false;
      lines.push(`Error from server (${(dry.body as { reason?: string })?.reason ?? dry.status}): ${message(dry.body, 'the dry run failed')}`);
      continue;
    }
    const before = current.status === 404 ? '' : toYaml(clean(current.body));
    const after = toYaml(clean(dry.body));
    live.push(before);
    merged.push(after);
    lines.push(current.status === 404 ? `${ref}: new (not in the cluster yet)` : before === after ? `${ref}: no changes` : `${ref}: would change`);
  }
  return { ok, output: lines.join('\n') + (lines.length ? '\n' : ''), live: live.join('---\n'), merged: merged.join('---\n') };
}
