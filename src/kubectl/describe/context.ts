// What every describer is given: the request helpers, kubectl's describer settings and the clock.
import type { KubeList, KubeObject } from '../../api/types';
import type { Factory } from '../factory';
import type { J } from './format';

export interface DescriberSettings {
  showEvents: boolean;
  /** --chunk-size: the `limit` of every list describe makes (0: no limit). */
  chunkSize: number;
}

export interface DescribeContext {
  f: Factory;
  settings: DescriberSettings;
  /** Virtual now in ms, for ages. */
  now: number;
}

/** A describer: fetches what it needs and returns the text (kubectl's ResourceDescriber). */
export type Describer = (ctx: DescribeContext, namespace: string, name: string) => Promise<string>;

/** GET of one object (throws ServerError for a Status answer). */
export async function getObject(ctx: DescribeContext, path: string): Promise<J> {
  return (await ctx.f.request({ verb: 'GET', path })).body as J;
}

/**
 * A list as runtimeresource.FollowContinue does it: `limit` from --chunk-size, then every
 * `continue` token until the server stops returning one.
 */
export async function listAll(ctx: DescribeContext, path: string, query: Record<string, string> = {}): Promise<J[]> {
  const items: KubeObject[] = [];
  let cont: string | undefined;
  do {
    const q: Record<string, string> = { ...query };
    if (ctx.settings.chunkSize > 0) q.limit = String(ctx.settings.chunkSize);
    if (cont) q.continue = cont;
    const list = (await ctx.f.request({ verb: 'GET', path, query: q })).body as KubeList;
    items.push(...(list.items ?? []));
    cont = list.metadata?.continue || undefined;
  } while (cont);
  return items;
}

/** /api/v1[/namespaces/NS]/RES or /apis/G/V[/namespaces/NS]/RES. */
export function apiPath(groupVersion: string, resource: string, namespace?: string, name?: string): string {
  const base = groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`;
  const ns = namespace ? `/namespaces/${namespace}` : '';
  return `${base}${ns}/${resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}
