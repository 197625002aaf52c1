// kubectl cp SRC DEST between the workspace and a container, through pods/exec as kubectl does.
// kubectl streams a tar archive through `tar cf -` / `tar xmf -`; the simulated containers have
// no tar, so one file travels through `cat` (from the pod) or a `printf` into the file (to the
// pod), and what tar would have said (GNU tar's leading-slash note and errors) is said here.
import type { CmdContext, CommandSpec } from '../../command';
import { CmdError, ServerError } from '../../errors';
import { streamError } from '../exec/exec';

export const cpCommand: CommandSpec = {
  name: 'cp',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Copy files and directories to and from containers',
  long: 'Copy files and directories to and from containers.',
  example: `  # Needs the 'tar' program in the container image; without it, 'kubectl cp' fails.

  # Copy the workspace file web.yaml to /tmp/web.yaml in pod web
  kubectl cp web.yaml web:/tmp/web.yaml

  # Copy it into container app of pod web
  kubectl cp web.yaml web:/tmp/web.yaml -c app

  # Copy /etc/hostname of pod web (namespace demo) to the workspace
  kubectl cp demo/web:/etc/hostname hostname.txt`,
  usage: 'cp <file-spec-src> <file-spec-dest> [options]',
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'no-preserve', type: 'bool', usage: "The copied file/directory's ownership and permissions will not be preserved in the container" },
    { name: 'retries', type: 'int', default: 0, usage: 'Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry).' },
  ],
  run: runCp,
};

interface FileSpec {
  namespace?: string;
  pod?: string;
  file: string;
}

const FORMAT = 'filespec must match the canonical format: [[namespace/]pod:]file/path';

function fileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw new CmdError(FORMAT);
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split('/');
  if (pieces.length > 2) throw new CmdError(FORMAT);
  const file = arg.slice(i + 1);
  return pieces.length === 2 ? { namespace: pieces[0], pod: pieces[1], file } : { pod: pieces[0], file };
}

async function runCp(ctx: CmdContext): Promise<number> {
  if (ctx.args.length !== 2) throw new CmdError('source and destination are required');
  const src = fileSpec(ctx.args[0]);
  const dest = fileSpec(ctx.args[1]);
  if (src.pod && dest.pod) throw new CmdError('one of src or dest must be a local file specification');
  if (!src.file || !dest.file) throw new CmdError('filepath can not be empty');
  if (src.pod) return copyFromPod(ctx, src, dest.file);
  if (dest.pod) return copyToPod(ctx, src.file, dest);
  throw new CmdError('one of src or dest must be a remote file specification');
}

interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** A command in the pod's container (pods/exec, no stdin). */
async function execIn(ctx: CmdContext, spec: FileSpec, command: string[]): Promise<ExecResult> {
  const ns = spec.namespace ?? ctx.namespace;
  const pods = await ctx.f.discovery.resolve('pods');
  const pod = await ctx.f.get(pods, spec.pod!, ns);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const query: Record<string, string> = { command: JSON.stringify(command), stdout: 'true', stderr: 'true' };
  const container = ctx.flags.str('container');
  if (container) query.container = container;
  let res;
  try {
    res = await ctx.f.request({ verb: 'POST', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(spec.pod!)}/exec`, query });
  } catch (e) {
    throw e instanceof ServerError ? streamError(e) : e;
  }
  const b = (res.body ?? {}) as Partial<ExecResult> & { exitCode?: number };
  return { stdout: b.stdout ?? '', stderr: b.stderr ?? '', code: b.exitCode ?? 0 };
}

function terminated(code: number): CmdError {
  // exec's CodeExitError, printed as is with the command's code.
  return new CmdError(`command terminated with exit code ${code}`, true, code);
}

/** The path as tar names its member: without the leading slash, with GNU tar's note. */
function leadingSlashNote(ctx: CmdContext, path: string): void {
  if (path.startsWith('/')) ctx.out("tar: Removing leading `/' from member names\n");
}

async function copyFromPod(ctx: CmdContext, src: FileSpec, dest: string): Promise<number> {
  const r = await execIn(ctx, src, ['cat', src.file]);
  // tar's messages go to kubectl's standard output (its ErrOut is wired to Out).
  leadingSlashNote(ctx, src.file);
  if (r.code !== 0) {
    const why = /Is a directory/.test(r.stderr) ? 'Cannot copy a directory here' : 'Cannot stat: No such file or directory';
    ctx.out(`tar: ${src.file}: ${why}\ntar: Exiting with failure status due to previous errors\n`);
    throw terminated(2);
  }
  if (!ctx.io.writeFile) throw new CmdError(`open ${dest}: read-only file system`);
  const isDir = ctx.io.listDir?.(dest) !== undefined;
  const base = src.file.replace(/\/+$/, '').split('/').pop() ?? src.file;
  ctx.io.writeFile(isDir ? `${dest.replace(/\/+$/, '')}/${base}` : dest, r.stdout);
  return 0;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function copyToPod(ctx: CmdContext, local: string, dest: FileSpec): Promise<number> {
  const text = ctx.io.readFile(local);
  if (text === undefined) throw new CmdError(`${local} doesn't exist in local filesystem`);
  // checkDestinationIsDir: a directory receives the file under its own name.
  const isDir = (await execIn(ctx, dest, ['test', '-d', dest.file])).code === 0;
  const base = local.replace(/\/+$/, '').split('/').pop() ?? local;
  const target = isDir ? `${dest.file.replace(/\/+$/, '')}/${base}` : dest.file;
  const r = await execIn(ctx, dest, ['sh', '-c', `printf '%s' ${shellQuote(text)} > ${shellQuote(target)}`]);
  if (r.code !== 0) {
    const dir = target.slice(0, target.lastIndexOf('/')) || '/';
    ctx.err(`tar: ${dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n`);
    throw terminated(2);
  }
  return 0;
}
