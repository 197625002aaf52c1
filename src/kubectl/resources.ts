// cli-runtime's resource builder, in the parts kubectl's verbs use: what the arguments name
// (TYPE NAME..., TYPE/NAME..., TYPE1,TYPE2, `all`), or the objects in -f manifests.
import type { KubeObject } from '../api/types';
import { parseApiVersion } from '../api/registry';
import type { ApiResource } from './discovery';
import { CmdError } from './errors';
import type { Factory } from './factory';
import { readManifests } from './manifest';

export interface Target {
  resource: ApiResource;
  /** Undefined means the whole collection (list). */
  name?: string;
  namespace?: string;
  /** The object read from a manifest (-f). */
  object?: KubeObject;
  source?: string;
}

export interface Selection {
  targets: Target[];
  /** More than one type, TYPE/NAME form, or `all`: output names carry their kind. */
  multipleTypes: boolean;
  /** Names were given (get prints no "No resources found" then). */
  named: boolean;
}

/** `kubectl` in messages; real kubectl prints its own binary name. */
const ME = 'kubectl';

export async function selectFromArgs(f: Factory, args: string[], namespace: string | undefined): Promise<Selection> {
  const slash = args.filter((a) => a.includes('/'));
  if (slash.length) {
    if (slash.length !== args.length) {
      throw new CmdError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${ME} get resource/<resource_name>' instead of '${ME} get resource resource/<resource_name>'`,
      );
    }
    const targets: Target[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!name) throw new CmdError(`arguments in resource/name form must have a single resource and name`);
      const r = await f.discovery.resolve(type);
      targets.push({ resource: r, name, namespace: r.namespaced ? namespace : undefined });
    }
    return { targets, multipleTypes: true, named: true };
  }
  const [typeArg, ...names] = args;
  const types: ApiResource[] = [];
  let expanded = false;
  for (const t of typeArg.split(',')) {
    if (t === '') continue;
    const cat = await f.discovery.category(t.toLowerCase());
    if (cat.length && !(await f.discovery.tryResolve(t))) {
      types.push(...cat);
      expanded = true;
      continue;
    }
    types.push(await f.discovery.resolve(t));
  }
  const multipleTypes = types.length > 1 || expanded;
  if (names.length && multipleTypes && typeArg.includes(',')) {
    // kubectl get pods,svc NAME: each name is looked up in each type.
  }
  const targets: Target[] = [];
  for (const r of types) {
    if (names.length) for (const n of names) targets.push({ resource: r, name: n, namespace: r.namespaced ? namespace : undefined });
    else targets.push({ resource: r, namespace: r.namespaced ? namespace : undefined });
  }
  return { targets, multipleTypes, named: names.length > 0 };
}

/** Objects from -f, resolved to their resources; the namespace defaults to the command's. */
export async function selectFromFiles(f: Factory, files: string[], namespace: string, explicitNamespace: boolean, recursive = false): Promise<Target[]> {
  const objects = await readManifests(f.io, files, recursive);
  const out: Target[] = [];
  for (const { object, source } of objects) {
    const { group, version } = parseApiVersion(String(object.apiVersion));
    const all = await f.discovery.all();
    const r = all.find((x) => x.group === group && x.version === version && x.kind === object.kind && !x.resource.includes('/'));
    if (!r) {
      throw new CmdError(
        `resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`,
      );
    }
    const objNs = object.metadata?.namespace;
    if (r.namespaced && objNs && explicitNamespace && objNs !== namespace) {
      throw new CmdError(`the namespace from the provided object "${objNs}" does not match the namespace "${namespace}". You must pass '--namespace=${objNs}' to perform this operation.`);
    }
    // No name is not the whole collection: '' fails per object as client-go does ("resource name may not be empty").
    const name = object.metadata?.name;
    out.push({ resource: r, name: typeof name === 'string' ? name : name == null ? '' : String(name), namespace: r.namespaced ? objNs || namespace : undefined, object, source });
  }
  return out;
}

/** `pod`, `deployment.apps`: the kind prefix in `-o name` and multi-type tables. */
export function kindPrefix(r: ApiResource): string {
  const k = r.kind.toLowerCase();
  return r.group ? `${k}.${r.group}` : k;
}
