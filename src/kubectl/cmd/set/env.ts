// kubectl set env RESOURCE/NAME KEY=VAL ... KEY- ...: the containers' environment in pod templates,
// sent as a strategic merge patch (env merges on name); --list prints it in env syntax, --from
// imports a ConfigMap's or Secret's keys as references.
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError, formatError } from '../../errors';
import { patchChanged } from './patch';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunStrategy, visitInfos } from '../rollout/common';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const setEnvCommand: CommandSpec = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  long: `Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.

 If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
  example: `  # Update deployment 'registry' with a new environment variable
  kubectl set env deployment/registry STORAGE_DIR=/local

  # List the environment variables defined on a deployments 'sample-build'
  kubectl set env deployment/sample-build --list

  # List the environment variables defined on all pods
  kubectl set env pods --all --list

  # Output modified deployment in YAML, and does not alter the object on the server
  kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml

  # Update all containers in all replication controllers in the project to have ENV=prod
  kubectl set env rc --all ENV=prod

  # Import environment from a secret
  kubectl set env --from=secret/mysecret deployment/myapp

  # Import environment from a config map with a prefix
  kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp

  # Import specific keys from a config map
  kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp

  # Remove the environment variable ENV from container 'c1' in all deployment configs
  kubectl set env deployments --all --containers="c1" ENV-

  # Remove the environment variable ENV from a deployment definition on disk and
  # update the deployment config on the server
  kubectl set env -f deploy.json ENV-`,
  usage: 'set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { ...F.all, usage: 'If true, select all resources in the namespace of the specified resource types' },
    { name: 'containers', shorthand: 'c', type: 'string', default: '*', usage: 'The names of containers in the selected pod templates to change - may use wildcards' },
    { name: 'env', shorthand: 'e', type: 'stringArray', usage: 'Specify a key-value pair for an environment variable to set into each container.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set', usage: 'Name of the manager used to track field ownership.' },
    { ...F.filename, usage: 'Filename, directory, or URL to files the resource to update the env' },
    { name: 'from', type: 'string', usage: 'The name of a resource from which to inject environment variables' },
    { name: 'keys', type: 'stringSlice', usage: 'Comma-separated list of keys to import from specified resource' },
    { name: 'list', type: 'bool', usage: 'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.' },
    { name: 'local', type: 'bool', usage: 'If true, set env will NOT contact api-server but run locally.' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.' },
    { name: 'prefix', type: 'string', usage: 'Prefix to append to variable names' },
    F.recursive,
    { name: 'resolve', type: 'bool', usage: 'If true, show secret or configmap references when listing variables' },
    F.selector,
  ],
  run: runSetEnv,
};

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** envutil.SplitEnvironmentFromResources: resources first, then KEY=VAL / KEY- arguments. */
export function splitEnvArgs(args: string[]): { resources: string[]; env: string[] } | undefined {
  const resources: string[] = [];
  const env: string[] = [];
  for (const a of args) {
    const isEnv = /^.+=/s.test(a) || a.endsWith('-');
    if (isEnv) env.push(a);
    else if (env.length) return undefined;
    else resources.push(a);
  }
  return { resources, env };
}

/** envutil.ParseEnv: variables to set and names to remove. */
export function parseEnvArgs(specs: string[]): { set: { name: string; value: string }[]; remove: string[] } {
  const set: { name: string; value: string }[] = [];
  const remove: string[] = [];
  for (const s of specs) {
    const eq = s.indexOf('=');
    if (eq >= 0) {
      const name = s.slice(0, eq);
      if (!ENV_NAME.test(name)) throw new CmdError(`"${name}" is not a valid key name: ${ENV_NAME_MSG}`);
      set.push({ name, value: s.slice(eq + 1) });
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else throw new CmdError(`unknown environment variable: ${s}`);
  }
  return { set, remove };
}

/** Shell-style wildcard match of container names (`*`, `?`). */
function wildcard(pattern: string, name: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(name);
}

function podSpecOf(o: Any): Any | undefined {
  switch (o.kind) {
    case 'Pod':
      return o.spec;
    case 'CronJob':
      return o.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return o.spec?.template?.spec;
  }
}

/** envutil.GetEnvVarRefString. */
function refString(from: Any): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? from.resourceFieldRef.containerName + '/' : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

/** keyToEnvName: upper case, every character outside [A-Za-z0-9_] turned into `_`. */
function keyToEnvName(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
}

async function runSetEnv(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  const split = splitEnvArgs(ctx.args);
  if (!split) throw new CmdError(`all resources must be specified before environment changes: ${ctx.args.join(' ')}`);
  const files = flags.list('filename');
  const list = flags.bool('list');
  if (flags.bool('local') && flags.str('dry-run') === 'server') throw new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (!files.length && !split.resources.length) throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (list && flags.changed('output') && flags.str('output')) throw new CmdError('--list and --output may not be specified together');
  const keys = flags.list('keys');
  if (keys.length && !flags.str('from')) throw new CmdError('when specifying --keys, a configmap or secret must be provided with --from');
  const { set, remove } = parseEnvArgs([...flags.list('env'), ...split.env]);
  const dry = dryRunStrategy(ctx);
  const prefix = flags.str('prefix');
  const selector = flags.str('containers') || '*';

  // --from: each key of the ConfigMap or Secret as a reference.
  const fromEnv: Any[] = [];
  if (flags.str('from')) {
    const { infos, errors } = await visitInfos(ctx, [flags.str('from')]);
    if (errors.length) throw errors[0];
    for (const info of infos) {
      const o = info.object as Any;
      const kind = o.kind;
      if (kind !== 'ConfigMap' && kind !== 'Secret') throw new CmdError(`unsupported resource specified in --from`);
      const data = { ...(o.data ?? {}), ...(kind === 'ConfigMap' ? (o.binaryData ?? {}) : {}) };
      for (const key of Object.keys(data).sort()) {
        if (keys.length && !keys.includes(key)) continue;
        const envName = keyToEnvName(key);
        if (envName !== key) ctx.err(`Warning: key ${key} transferred to ${envName}\n`);
        const ref = kind === 'ConfigMap' ? { configMapKeyRef: { name: o.metadata.name, key } } : { secretKeyRef: { name: o.metadata.name, key } };
        fromEnv.push({ name: prefix + envName, valueFrom: ref });
      }
    }
  }

  const { infos, errors } = await visitInfos(ctx, split.resources, { selector: flags.str('selector'), all: flags.bool('all'), files, recursive: flags.bool('recursive') });
  const all: unknown[] = [];
  for (const info of infos) {
    const before = info.object as Any;
    const after = JSON.parse(JSON.stringify(before)) as Any;
    const spec = podSpecOf(after);
    if (!spec) {
      all.push(new CmdError(`${info.resource.resource}/${info.name} the object is not a pod or does not have a pod template: *v1.${info.resource.kind}`));
      continue;
    }
    const containers = [...((spec.initContainers ?? []) as Any[]), ...((spec.containers ?? []) as Any[])].filter((c) => wildcard(selector, c.name));
    if (!containers.length) {
      ctx.err(`Warning: ${before.kind}/${info.name} does not have any containers matching "${selector}"\n`);
      continue;
    }
    let failed = false;
    for (const c of containers) {
      const env = [...((c.env ?? []) as Any[])];
      for (const v of [...fromEnv, ...set.map((s) => ({ name: prefix + s.name, value: s.value }))]) {
        const i = env.findIndex((e) => e.name === v.name);
        if (i >= 0) {
          if (!flags.bool('overwrite')) {
            all.push(new CmdError(`${info.resource.resource}/${info.name} '${v.name}' already has a value (${env[i].value ?? ''}), and --overwrite is false`));
            failed = true;
            break;
          }
          env[i] = v;
        } else env.push(v);
      }
      if (failed) break;
      const kept = env.filter((e) => !remove.includes(e.name));
      if (kept.length) c.env = kept;
      else delete c.env;
    }
    if (failed) continue;

    if (list) {
      for (const c of containers) {
        ctx.out(`# ${before.kind} ${info.name}, container ${c.name}\n`);
        for (const e of (c.env ?? []) as Any[]) {
          if (!e.valueFrom) {
            ctx.out(`${e.name}=${e.value ?? ''}\n`);
            continue;
          }
          if (!flags.bool('resolve')) {
            ctx.out(`# ${e.name} from ${refString(e.valueFrom)}\n`);
            continue;
          }
          try {
            ctx.out(`${e.name}=${await resolveRef(ctx, e.valueFrom, after, info.namespace ?? ctx.namespace)}\n`);
          } catch (err) {
            ctx.err(`error retrieving reference for ${e.name}: ${formatError(err).replace(/^error: /, '')}\n`);
          }
        }
      }
      continue;
    }

    try {
      await patchChanged(ctx, info, before as KubeObject, after as KubeObject, 'env updated', dry);
    } catch (e) {
      all.push(e);
    }
  }
  all.push(...errors);
  if (!all.length) return 0;
  for (const e of all.slice(0, -1)) ctx.err(formatError(e) + '\n');
  throw all[all.length - 1];
}

/** envutil.GetEnvVarRefValue for --resolve: ConfigMap and Secret keys, and the object's own fields. */
async function resolveRef(ctx: CmdContext, from: Any, obj: Any, namespace: string): Promise<string> {
  const ref = from.configMapKeyRef ?? from.secretKeyRef;
  if (ref) {
    const kind = from.configMapKeyRef ? 'configmaps' : 'secrets';
    const r = await ctx.f.discovery.resolve(kind);
    const o = (await ctx.f.get(r, ref.name, namespace)) as Any;
    const v = o.data?.[ref.key];
    if (v === undefined) throw new CmdError(`key ${ref.key} not found in ${kind === 'configmaps' ? 'config map' : 'secret'} ${ref.name}`);
    return kind === 'secrets' ? atob(String(v)) : String(v);
  }
  if (from.fieldRef) {
    const path = String(from.fieldRef.fieldPath);
    const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
    if (m) return String(obj.metadata?.[m[1]]?.[m[2]] ?? '');
    if (path === 'metadata.name') return obj.metadata?.name ?? '';
    if (path === 'metadata.namespace') return obj.metadata?.namespace ?? namespace;
    if (path === 'metadata.uid') return obj.metadata?.uid ?? '';
    throw new CmdError(`unsupported fieldPath: ${path}`);
  }
  return '';
}
