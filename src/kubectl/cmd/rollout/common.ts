// Helpers shared by run, expose, scale, set, rollout, drain and wait: the resource builder's
// visit (TYPE NAME, TYPE/NAME, -l, --all, -f) with its error texts, dry-run strategy, the
// `kind/name operation` printer, and a watch that lets virtual time move while it waits.
import type { KubeObject, WatchEvent } from '../../../api/types';
import type { WatchHandle } from '../../../api/client';
import type { CmdContext } from '../../command';
import type { FlagDef } from '../../flags';
import { CmdError, ServerError } from '../../errors';
import { collectionPath, objectPath } from '../../factory';
import type { ApiResource } from '../../discovery';
import { kindPrefix, selectFromFiles } from '../../resources';
import { parseOutputFormat, printObjects } from '../../output';

export const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export type DryRun = 'none' | 'client' | 'server';

export function dryRunStrategy(ctx: CmdContext): DryRun {
  const v = ctx.flags.str('dry-run');
  if (v === '' || v === 'none') return 'none';
  if (v === 'client' || v === 'unchanged') return 'client';
  if (v === 'server') return 'server';
  throw new CmdError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

export function dryRunQuery(d: DryRun): Record<string, string> {
  return d === 'server' ? { dryRun: 'All' } : {};
}

/** One object the builder found. */
export interface Info {
  resource: ApiResource;
  name: string;
  namespace?: string;
  object: KubeObject;
}

export interface VisitOptions {
  selector?: string;
  all?: boolean;
  files?: string[];
  recursive?: boolean;
  /** ResourceTypeOrNameArgs(allowEmptySelector=false): a bare type needs -l or --all. */
  requireObject?: boolean;
}

/**
 * Resolves the arguments like cli-runtime's builder with ContinueOnError: objects that exist are
 * returned, the errors of the others are collected in order.
 */
export async function visitInfos(ctx: CmdContext, args: string[], o: VisitOptions = {}): Promise<{ infos: Info[]; errors: unknown[] }> {
  const { f } = ctx;
  const infos: Info[] = [];
  const errors: unknown[] = [];
  const files = o.files ?? [];
  if (files.length) {
    const targets = await selectFromFiles(f, files, ctx.namespace, ctx.explicitNamespace, o.recursive);
    for (const t of targets) {
      try {
        const obj = await f.get(t.resource, t.name ?? '', t.namespace);
        infos.push({ resource: t.resource, name: t.name ?? '', namespace: t.namespace, object: withTypeMeta(obj, t.resource) });
      } catch (e) {
        errors.push(e);
      }
    }
    return { infos, errors };
  }
  if (!args.length) throw new CmdError(NO_RESOURCES);
  const ns = ctx.namespace;
  const slash = args.filter((a) => a.includes('/'));
  const pairs: { r: ApiResource; name?: string }[] = [];
  if (slash.length) {
    if (slash.length !== args.length) {
      throw new CmdError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      );
    }
    for (const a of args) {
      const i = a.indexOf('/');
      const name = a.slice(i + 1);
      if (!name || a.slice(0, i) === '') throw new CmdError('arguments in resource/name form must have a single resource and name');
      pairs.push({ r: await f.discovery.resolve(a.slice(0, i)), name });
    }
  } else {
    const [typeArg, ...names] = args;
    const types: ApiResource[] = [];
    for (const t of typeArg.split(',')) if (t) types.push(await f.discovery.resolve(t));
    if (names.length) {
      for (const r of types) for (const n of names) pairs.push({ r, name: n });
    } else {
      if (!o.selector && !o.all) {
        if (o.requireObject !== false) throw new CmdError(`resource(s) were provided, but no name was specified`);
      }
      for (const r of types) pairs.push({ r });
    }
  }
  if ((o.selector || o.all) && pairs.some((p) => p.name !== undefined)) {
    throw new CmdError('name cannot be provided when a selector is specified');
  }
  for (const p of pairs) {
    const pns = p.r.namespaced ? ns : undefined;
    try {
      if (p.name !== undefined) {
        const obj = await f.get(p.r, p.name, pns);
        infos.push({ resource: p.r, name: p.name, namespace: pns, object: withTypeMeta(obj, p.r) });
      } else {
        const q: Record<string, string> = {};
        if (o.selector) q.labelSelector = o.selector;
        const list = await f.list(p.r, pns, q);
        for (const obj of list.items ?? []) {
          infos.push({ resource: p.r, name: obj.metadata.name ?? '', namespace: pns, object: withTypeMeta(obj, p.r) });
        }
      }
    } catch (e) {
      errors.push(e);
    }
  }
  return { infos, errors };
}

export function withTypeMeta(o: KubeObject, r: ApiResource): KubeObject {
  if (o.apiVersion && o.kind) return o;
  return { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, ...o };
}

/** Prints an object as kubectl's printer with an operation does: `kind.group/name op`, or -o. */
export function printOperation(ctx: CmdContext, r: ApiResource, obj: KubeObject, operation: string, dry: DryRun = 'none'): void {
  const o = ctx.flags.changed('output') ? ctx.flags.str('output') : '';
  const name = obj.metadata?.name ?? '';
  if (!o) {
    ctx.out(`${kindPrefix(r)}/${name} ${operation}${dryRunSuffix(dry)}\n`);
    return;
  }
  const format = parseOutputFormat(o, ctx.flags.str('template'));
  if (format.kind === 'table') {
    ctx.out(`${kindPrefix(r)}/${name} ${operation}${dryRunSuffix(dry)}\n`);
    return;
  }
  ctx.out(
    printObjects(format, [withTypeMeta(obj, r)], {
      single: true,
      noHeaders: false,
      allowMissingKeys: ctx.flags.bool('allow-missing-template-keys'),
      showManagedFields: ctx.flags.bool('show-managed-fields'),
      prefixOf: () => kindPrefix(r),
      readFile: (p) => ctx.io.readFile(p),
    }),
  );
}

/** The -o flags a mutating command carries (PrintFlags). */
export const PRINT_FLAGS: FlagDef[] = [
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
];

export const DRY_RUN_FLAG: FlagDef = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefault: 'unchanged',
  usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

/** The first error wins the exit; each is printed as CheckErr would. */
export function firstError(errors: unknown[]): unknown {
  return errors[0];
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ServerError && e.status.code === 404;
}

export { collectionPath, objectPath };

/**
 * A watch read one event at a time, raced against virtual time: `next(ms)` resolves with the next
 * event, `'tick'` when `ms` of (virtual) time passed first, or `'end'` when the server closed it.
 * Sleeping is what lets an in-process host advance the cluster's clock while we wait.
 */
export class WatchPump {
  private readonly it: AsyncIterator<WatchEvent>;
  private pending?: Promise<IteratorResult<WatchEvent>>;
  private settled?: IteratorResult<WatchEvent>;

  constructor(
    readonly handle: WatchHandle,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.it = handle[Symbol.asyncIterator]();
  }

  private arm(): Promise<IteratorResult<WatchEvent>> {
    if (!this.pending) {
      this.settled = undefined;
      const p = this.it.next();
      this.pending = p;
      void p.then((r) => {
        if (this.pending === p) this.settled = r;
      });
    }
    return this.pending;
  }

  private take(r: IteratorResult<WatchEvent>): WatchEvent | 'end' {
    this.pending = undefined;
    this.settled = undefined;
    return r.done ? 'end' : r.value;
  }

  async next(ms: number): Promise<WatchEvent | 'end' | 'tick'> {
    const p = this.arm();
    // Events already queued are taken without letting time pass.
    for (let i = 0; i < 8 && !this.settled; i++) await Promise.resolve();
    if (this.settled) return this.take(this.settled);
    if (ms <= 0) return 'tick';
    let ticked = false;
    const tick = this.sleep(ms).then(() => {
      ticked = true;
    });
    await Promise.race([p, tick]);
    for (let i = 0; i < 8 && !this.settled; i++) await Promise.resolve();
    if (this.settled) return this.take(this.settled);
    void ticked;
    return 'tick';
  }

  close(): void {
    this.handle.close();
  }
}

/**
 * An informer on one object (`metadata.name=NAME`), as rollout status and wait use it: the list
 * (its item, if any, is reported as ADDED), then a watch from the list's resourceVersion, re-listed
 * when the server ends the watch. `onEvent` returns true to stop. Resolves 'done', 'timeout'
 * (timeoutMs passed, 0 = never, negative = check once) or 'aborted' (Ctrl-C).
 */
export async function watchOne(
  ctx: CmdContext,
  r: ApiResource,
  name: string,
  namespace: string | undefined,
  timeoutMs: number,
  onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'MISSING', obj: KubeObject | undefined) => boolean | Promise<boolean>,
): Promise<'done' | 'timeout' | 'aborted'> {
  const { f, io } = ctx;
  const start = io.now();
  const deadline = timeoutMs > 0 ? start + timeoutMs : timeoutMs < 0 ? start : Infinity;
  const path = collectionPath(r, namespace);
  const fieldSelector = `metadata.name=${name}`;
  let aborted = io.signal.aborted;
  let pump: WatchPump | undefined;
  const off = io.signal.onAbort(() => {
    aborted = true;
    pump?.close();
  });
  try {
    for (;;) {
      if (aborted) return 'aborted';
      const list = await f.request({ verb: 'GET', path, query: { fieldSelector, limit: '500', resourceVersion: '0' } });
      const body = list.body as { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
      const item = (body.items ?? []).find((x) => x.metadata?.name === name);
      if (await onEvent(item ? 'ADDED' : 'MISSING', item ? withTypeMeta(item, r) : undefined)) return 'done';
      const h = await f.watch(path, { allowWatchBookmarks: 'true', fieldSelector, resourceVersion: body.metadata?.resourceVersion ?? '0', timeoutSeconds: '300' });
      pump = new WatchPump(h, (ms) => io.sleep(ms));
      try {
        for (;;) {
          if (aborted) return 'aborted';
          const left = deadline - io.now();
          if (left <= 0) return 'timeout';
          const ev = await pump.next(Math.min(1000, left));
          if (ev === 'tick') continue;
          if (ev === 'end') break;
          if (ev.type === 'BOOKMARK') continue;
          if (ev.type === 'ERROR') throw new ServerError(ev.object as never);
          if (await onEvent(ev.type as 'ADDED' | 'MODIFIED' | 'DELETED', withTypeMeta(ev.object as KubeObject, r))) return 'done';
        }
      } finally {
        pump.close();
        pump = undefined;
      }
      if (aborted) return 'aborted';
      if (deadline - io.now() <= 0) return 'timeout';
    }
  } finally {
    off();
  }
}

/** Rethrows the first error of a ContinueOnError visit, printing the others first. */
export function reportErrors(ctx: CmdContext, errors: unknown[], formatError: (e: unknown) => string): void {
  if (!errors.length) return;
  for (const e of errors.slice(0, -1)) ctx.err(formatError(e) + '\n');
  throw errors[errors.length - 1];
}
