// kubectl diff -f FILE: for each object, the live version and the version a client-side apply
// would produce (a three-way patch sent with dryRun=All, or a dry-run create when absent), both
// as YAML in "files" under /tmp/LIVE-N and /tmp/MERGED-N, compared as `diff -u -N` compares the
// two directories. Exit 0: no differences, 1: differences, 2 and more: an error.
import type { KubeObject } from '../../../api/types';
import { createThreeWayJsonMergePatch, createThreeWayMergePatch, marshalGo, patchMetaForKind, supportsStrategicMerge } from '../../../api/patch';
import { F, type CmdContext, type CommandSpec } from '../../command';
import { CmdError, ServerError, formatError } from '../../errors';
import { collectionPath, objectPath } from '../../factory';
import { selectFromFiles } from '../../resources';
import { matchesSelector } from '../../apply/selector';
import { LAST_APPLIED, modifiedConfiguration, send } from '../../apply/common';
import { toYaml } from '../../printers/yaml';
import { setNamespace } from '../create/create';
import { unifiedHunks } from './unified';

export const diffCommand: CommandSpec = {
  name: 'diff',
  group: 'Advanced Commands',
  short: 'Diff the live version against a would-be applied version',
  long: `Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.

 The output is always YAML.

 KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF="colordiff -N -u"

 By default, the "diff" command available in your path will be run with the "-u" (unified diff) and "-N" (treat absent files as empty) options.

 Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.

 Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention.`,
  example: `  # Show what applying web.yaml would change
  kubectl diff -f web.yaml

  # Diff a manifest read from standard input
  cat web.yaml | kubectl diff -f -`,
  usage: 'diff -f FILENAME [options]',
  flags: [
    { name: 'concurrency', type: 'int', default: 1, usage: 'Number of objects to process in parallel when diffing against the live version. Larger number = faster, but more memory, I/O and CPU over that shorter period of time.' },
    { ...F.fieldManager, default: 'kubectl-client-side-apply' },
    { ...F.filename, usage: 'Filename, directory, or URL to files contains the configuration to diff' },
    { name: 'force-conflicts', type: 'bool', usage: 'If true, server-side apply will force the changes against conflicts.' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'prune', type: 'bool', usage: 'Include resources that would be deleted by pruning. Can be used with -l and default shows all resources would be pruned' },
    { name: 'prune-allowlist', type: 'stringArray', usage: 'Overwrite the default allowlist with <group/version/kind> for --prune' },
    F.recursive,
    { ...F.selector, usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'show-managed-fields', type: 'bool', usage: 'If true, include managed fields in the diff.' },
  ],
  run: async (ctx) => {
    try {
      return await runDiff(ctx);
    } catch (e) {
      // CheckDiffErr: kubectl's own failures exit with 2 and more.
      const code = ((e as { exitCode?: number }).exitCode ?? 1) + 1;
      const text = formatError(e);
      throw new CmdError(text, true, code);
    }
  },
};

interface Pair {
  file: string;
  live: string;
  merged: string;
}

async function runDiff(ctx: CmdContext): Promise<number> {
  const { flags } = ctx;
  const files = flags.list('filename');
  if (!files.length && !flags.str('kustomize')) throw new CmdError('must specify one of -f and -k');
  if (flags.bool('server-side')) throw new CmdError('server-side apply is not supported by this server (application/apply-patch+yaml)');
  const targets = await selectFromFiles(ctx.f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive'));
  const selector = flags.str('selector');
  const pairs: Pair[] = [];
  for (const t of targets) {
    const obj = setNamespace(t.object as KubeObject, t.namespace);
    if (selector && !matchesSelector(selector, obj.metadata?.labels ?? {})) continue;
    const r = t.resource;
    const name = t.name ?? '';
    let live: KubeObject | undefined;
    try {
      live = (await send(ctx, { verb: 'GET', path: objectPath(r, name, t.namespace) })).body as KubeObject;
    } catch (e) {
      if (!(e instanceof ServerError) || e.status.code !== 404) throw e;
    }
    let merged: KubeObject;
    const query = { dryRun: 'All', fieldManager: flags.str('field-manager') };
    if (!live) {
      merged = (await send(ctx, { verb: 'POST', path: collectionPath(r, t.namespace), query, body: JSON.stringify(obj), contentType: 'application/json' })).body as KubeObject;
    } else {
      const modified = JSON.parse(modifiedConfiguration(obj, false).text) as unknown;
      const originalText = live.metadata?.annotations?.[LAST_APPLIED];
      let original: unknown;
      try {
        original = originalText ? JSON.parse(originalText) : undefined;
      } catch {
        original = undefined;
      }
      const strategic = supportsStrategicMerge(r.group);
      const patch = strategic ? createThreeWayMergePatch(original, modified, live, patchMetaForKind(r.group, r.kind), true) : createThreeWayJsonMergePatch(original ?? {}, modified, live);
      const body = marshalGo(patch);
      merged = body === '{}' ? live : ((await send(ctx, {
        verb: 'PATCH',
        path: objectPath(r, name, t.namespace),
        query,
        body,
        contentType: strategic ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
      })).body as KubeObject);
    }
    const show = (o: KubeObject | undefined) => (o ? toYaml(flags.bool('show-managed-fields') ? o : omitManagedFields(o)) : '');
    const group = r.group ? `${r.group}.` : '';
    pairs.push({ file: `${group}${r.version}.${r.kind}.${t.namespace ?? ''}.${name}`.replace(/\.\./g, '.'), live: show(live), merged: show(merged) });
  }
  return printDiff(ctx, pairs);
}

function omitManagedFields(o: KubeObject): KubeObject {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _m, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** `diff -u -N LIVE-N MERGED-N`: one block per differing file, in file name order. */
function printDiff(ctx: CmdContext, pairs: Pair[]): number {
  const now = ctx.io.now();
  // The temporary directories' names: os.MkdirTemp's random number, here from the clock.
  const live = `/tmp/LIVE-${(now * 7919) % 4294967291}`;
  const merged = `/tmp/MERGED-${(now * 104729) % 4294967291}`;
  const stamp = fileTime(now);
  let differs = false;
  for (const p of [...pairs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const hunks = unifiedHunks(p.live, p.merged);
    if (!hunks) continue;
    differs = true;
    ctx.out(`diff -u -N ${live}/${p.file} ${merged}/${p.file}\n--- ${live}/${p.file}\t${stamp}\n+++ ${merged}/${p.file}\t${stamp}\n${hunks}`);
  }
  return differs ? 1 : 0;
}

/** A file's modification time as GNU diff prints it: `2026-11-23 14:10:22.401634301 +0000`. */
function fileTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}${p((ms * 7919) % 1000000, 6)} +0000`;
}
