// A StrategyContext over an in-memory object list, for this folder's tests (no vitest import, so
// it compiles with the pure cluster code).
import type { KubeObject } from '../../../../api/types';
import { invalid, StatusError, type FieldError } from '../../../../api/status';
import { Rand } from '../../../machinery/rand';
import type { Strategy, StrategyContext } from '../types';

export interface FakeContext extends StrategyContext {
  objects: Map<string, KubeObject[]>;
  put(resource: string, obj: KubeObject): void;
  remove(resource: string, namespace: string, name: string): KubeObject | undefined;
}

export function fakeContext(seed = 1, dryRun = false): FakeContext {
  const objects = new Map<string, KubeObject[]>();
  const items = (r: string) => objects.get(r) ?? [];
  const same = (o: KubeObject, ns: string, name: string) => (o.metadata.namespace ?? '') === ns && o.metadata.name === name;
  return {
    objects,
    rand: new Rand(seed),
    now: () => '2015-06-01T10:00:00Z',
    dryRun,
    get: (r, ns, name) => items(r).find((o) => same(o, ns, name)),
    list: (r, ns) => items(r).filter((o) => ns === undefined || (o.metadata.namespace ?? '') === ns),
    put(r, obj) {
      const list = items(r).filter((o) => !same(o, obj.metadata.namespace ?? '', obj.metadata.name!));
      list.push(JSON.parse(JSON.stringify(obj)));
      objects.set(r, list);
    },
    remove(r, ns, name) {
      const gone = items(r).find((o) => same(o, ns, name));
      objects.set(r, items(r).filter((o) => !same(o, ns, name)));
      return gone;
    },
  };
}

/** The create path of the generic layer (write.ts createObject) minus metadata handling. */
export function runCreate(strategy: Strategy, input: KubeObject, ctx: FakeContext, resource: string, kind: string, group = ''): KubeObject {
  const obj = JSON.parse(JSON.stringify(input)) as KubeObject;
  strategy.defaults?.(obj, ctx);
  strategy.prepareForCreate?.(obj, ctx);
  const errs = strategy.validate?.(obj, ctx) ?? [];
  if (errs.length) throw invalid(group, kind, obj.metadata.name ?? '', errs);
  strategy.beforeCreate?.(obj, ctx);
  if (!ctx.dryRun) ctx.put(resource, obj);
  return obj;
}

/** The update path (write.ts commitUpdate) minus metadata handling. */
export function runUpdate(strategy: Strategy, input: KubeObject, old: KubeObject, ctx: FakeContext, resource: string, kind: string, group = ''): KubeObject {
  const obj = JSON.parse(JSON.stringify(input)) as KubeObject;
  if (strategy.statusSubresource) {
    if (old.status === undefined) delete obj.status;
    else obj.status = JSON.parse(JSON.stringify(old.status));
  }
  strategy.defaults?.(obj, ctx);
  strategy.prepareForUpdate?.(obj, old, ctx);
  const errs = strategy.validateUpdate?.(obj, old, ctx) ?? [];
  if (errs.length) throw invalid(group, kind, old.metadata.name ?? '', errs);
  strategy.beforeUpdate?.(obj, old, ctx);
  if (!ctx.dryRun) ctx.put(resource, obj);
  return obj;
}

/** The Status message a failing call produces. */
export function failure(fn: () => unknown): { code: number; reason?: string; message?: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return { code: e.code, reason: e.reason, message: e.status.message };
    throw e;
  }
  throw new Error('expected a StatusError');
}

/** `field: body` lines of field errors, as NewInvalid renders them. */
export function messages(kind: string, name: string, errs: FieldError[]): string {
  return invalid('', kind, name, errs).status.message ?? '';
}
