// Pieces the mutating verbs share (create, apply, delete, label, annotate, patch, edit, replace):
// --dry-run and --validate parsing, requests that print the server's warnings, the
// `pod/x created` success lines or -o output, and kubectl's error aggregation with the
// `error when creating "file": ` context.
import type { ApiRequest, ApiResponse } from '../../api/client';
import type { KubeObject } from '../../api/types';
import type { Status } from '../../api/status';
import { marshalGo } from '../../api/patch';
import type { CmdContext } from '../command';
import { CmdError, ServerError, formatError, formatStatus } from '../errors';
import type { ApiResource } from '../discovery';
import { kindPrefix } from '../resources';
import { parseOutputFormat, printObjects, type OutputFormat } from '../output';

export type DryRun = 'none' | 'client' | 'server';

/** --dry-run: none|client|server (a bare --dry-run is `unchanged`, the deprecated form: client). */
export function dryRunStrategy(ctx: CmdContext): DryRun {
  const v = ctx.flags.str('dry-run');
  switch (v) {
    case '':
    case 'none':
    case 'false':
      return 'none';
    case 'client':
    case 'true':
    case 'unchanged':
      return 'client';
    case 'server':
      return 'server';
  }
  throw new CmdError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** --validate → the fieldValidation query value. */
export function fieldValidation(ctx: CmdContext): 'Strict' | 'Warn' | 'Ignore' {
  const v = ctx.flags.str('validate').toLowerCase();
  switch (v) {
    case 'strict':
    case 'true':
    case '':
      return 'Strict';
    case 'warn':
      return 'Warn';
    case 'ignore':
    case 'false':
      return 'Ignore';
  }
  throw new CmdError(`invalid - validate option "${ctx.flags.str('validate')}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** Query parameters of a write: fieldManager, dryRun=All, fieldValidation. */
export function writeQuery(fieldManager: string, dryRun: DryRun, validation?: string): Record<string, string> {
  const q: Record<string, string> = {};
  if (dryRun === 'server') q.dryRun = 'All';
  if (fieldManager) q.fieldManager = fieldManager;
  if (validation) q.fieldValidation = validation;
  return q;
}

/** A request through the factory whose Warning headers are printed as kubectl prints them. */
export async function send(ctx: CmdContext, req: ApiRequest): Promise<ApiResponse> {
  let res: ApiResponse;
  try {
    res = await ctx.f.request(req);
  } catch (e) {
    const w = (e as { warnings?: string[] }).warnings;
    if (w) printWarnings(ctx, w);
    throw e;
  }
  if (res.warnings?.length) printWarnings(ctx, res.warnings);
  return res;
}

export function printWarnings(ctx: CmdContext, warnings: string[]): void {
  for (const w of warnings) ctx.err(`Warning: ${w}\n`);
}

/** The output printer of a mutating verb: -o formats, or `kind/name <verb>`. */
export interface ResultPrinter {
  format: OutputFormat | undefined;
  print(r: ApiResource, obj: KubeObject, verb: string, dryRun?: DryRun): void;
}

export function resultPrinter(ctx: CmdContext): ResultPrinter {
  const o = ctx.flags.str('output');
  const format = o ? parseOutputFormat(o, ctx.flags.changed('template') ? ctx.flags.str('template') : '') : undefined;
  if (format?.kind === 'table') {
    throw new CmdError(`unable to match a printer suitable for the output format "${o}", allowed formats are: json,name,go-template,go-template-file,template,templatefile,jsonpath,jsonpath-as-json,jsonpath-file,yaml`);
  }
  return {
    format,
    print(r, obj, verb, dryRun = 'none') {
      if (!format) {
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
        ctx.out(`${kindPrefix(r)}/${obj.metadata?.name ?? ''} ${verb}${suffix}\n`);
        return;
      }
      const withType = obj.apiVersion && obj.kind ? obj : { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, ...obj };
      ctx.out(
        printObjects(format, [withType], {
          single: true,
          noHeaders: false,
          allowMissingKeys: ctx.flags.changed('allow-missing-template-keys') ? ctx.flags.bool('allow-missing-template-keys') : true,
          showManagedFields: ctx.flags.bool('show-managed-fields'),
          prefixOf: () => kindPrefix(r),
          readFile: (p) => ctx.io.readFile(p),
        }),
      );
    },
  };
}

/** An error with the `error when <verb> "<source>": ` context kubectl's AddSourceToErr inserts. */
export class SourcedError extends Error {
  constructor(
    readonly cause: unknown,
    readonly context: string,
  ) {
    super(String((cause as Error)?.message ?? cause));
  }
}

export function withSource(e: unknown, verb: string, source: string | undefined): unknown {
  if (!source) return e;
  // cmdutil.AddSourceToErr wraps client-side errors too (`error when deleting "x.yaml": resource name may not be empty`).
  if (e instanceof CmdError && !e.raw) return new CmdError(`error when ${verb} "${source}": ${e.message}`, false, e.exitCode);
  if (!(e instanceof ServerError)) return e;
  return new SourcedError(e, `error when ${verb} "${source}": `);
}

/** StandardErrorMessage for one error of an aggregate (no rebuilt Invalid text). */
function standardMessage(e: unknown): string {
  if (e instanceof SourcedError) return standardStatus((e.cause as ServerError).status, e.context);
  if (e instanceof ServerError) return standardStatus(e.status, '');
  const t = formatError(e);
  return t;
}

function standardStatus(s: Status, context: string): string {
  if (s.reason === 'Invalid') return `Error from server (Invalid): ${context}${s.message ?? ''}`;
  return formatStatus(s, context);
}

/** CheckErr over a list of errors: one error as itself, several as one line each. */
export function formatErrors(errs: unknown[]): string {
  if (errs.length === 1) {
    const e = errs[0];
    if (e instanceof SourcedError) return formatStatus((e.cause as ServerError).status, e.context);
    return formatError(e);
  }
  return errs.map((e) => standardMessage(e)).join('\n');
}

/** Throws the collected errors as kubectl prints them at the end of a command. */
export function throwErrors(errs: unknown[]): void {
  if (!errs.length) return;
  throw new CmdError(formatErrors(errs), true);
}

/** The `last-applied-configuration` annotation. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * GetModifiedConfiguration: the object without its last-applied annotation (annotations `{}` when
 * empty), encoded as kubectl's unstructured JSON encoder does (sorted keys, trailing newline);
 * with annotate, the object carrying that text as its annotation. Returns the annotated object too.
 */
export function modifiedConfiguration(obj: KubeObject, annotate: boolean): { text: string; object: KubeObject } {
  const o = clone(obj);
  o.metadata = o.metadata ?? {};
  const annots: Record<string, string> = { ...(o.metadata.annotations ?? {}) };
  delete annots[LAST_APPLIED];
  o.metadata.annotations = annots;
  const text = marshalGo(o) + '\n';
  if (!annotate) return { text, object: o };
  const a = clone(o);
  a.metadata.annotations = { ...annots, [LAST_APPLIED]: text };
  return { text: marshalGo(a) + '\n', object: a };
}

/** --save-config / apply: the object as sent, with the annotation kubectl computes. */
export function withLastApplied(obj: KubeObject): KubeObject {
  return modifiedConfiguration(obj, true).object;
}

/** Flags shared by the printing verbs. */
export function printFlagsUsed(ctx: CmdContext): boolean {
  return !!ctx.flags.str('output');
}
