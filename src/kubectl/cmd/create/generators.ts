// kubectl create <kind> NAME: objects kubectl builds from flags. Keys are inserted in the Go
// structs' field order, so a client dry run with -o json prints what kubectl prints.
import type { KubeObject } from '../../../api/types';
import { F, type CmdContext, type CommandSpec } from '../../command';
import type { FlagDef } from '../../flags';
import { CmdError, ServerError } from '../../errors';
import { commandHelp } from '../../help';
import { collectionPath } from '../../factory';
import { dryRunStrategy, fieldValidation, resultPrinter, send, withLastApplied, writeQuery } from '../../apply/common';
import { orderedJson } from '../../apply/ordered';
import { printingFlags, saveConfigFlag, validateFlag } from './flags';
import { tokenCommand } from './token';

const createFlags: FlagDef[] = [...printingFlags, { ...F.fieldManager, default: 'kubectl-create' }, saveConfigFlag, validateFlag];

interface Built {
  object: KubeObject;
  group: string;
  resource: string;
  /** How a client-side failure is reported: `failed to create deployment: ` (none: the Status as is). */
  wrap?: string;
}

function oneName(ctx: CmdContext): string {
  const n = ctx.args.length;
  if (n !== 1) throw new CmdError(`exactly one NAME is required, got ${n}\nSee 'kubectl ${ctx.path} -h' for help and examples`);
  return ctx.args[0];
}

function required(ctx: CmdContext, ...names: string[]): void {
  const missing = names.filter((n) => !ctx.flags.changed(n));
  if (missing.length) throw new CmdError(`required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set`);
}

/** ObjectMeta in field order: name, namespace (with -n), creationTimestamp, labels. */
function meta(ctx: CmdContext, name: string, labels?: Record<string, string>): KubeObject['metadata'] {
  const m: Record<string, unknown> = { name };
  if (ctx.explicitNamespace) m.namespace = ctx.namespace;
  m.creationTimestamp = null;
  if (labels) m.labels = labels;
  return m as KubeObject['metadata'];
}

async function runGenerator(ctx: CmdContext, build: () => Built): Promise<number> {
  const printer = resultPrinter(ctx);
  const dryRun = dryRunStrategy(ctx);
  const validation = fieldValidation(ctx);
  const b = build();
  let obj = b.object;
  if (ctx.flags.bool('save-config')) obj = withLastApplied(obj);
  const all = await ctx.f.discovery.all();
  const [group, version] = String(obj.apiVersion).includes('/') ? String(obj.apiVersion).split('/') : ['', String(obj.apiVersion)];
  const r = all.find((x) => x.group === group && x.version === version && x.resource === b.resource);
  if (!r) throw new CmdError(`the server doesn't have a resource type "${b.resource}"`);
  if (dryRun === 'client') {
    if (printer.format?.kind === 'json') ctx.out(orderedJson(obj));
    else printer.print(r, obj, 'created', dryRun);
    return 0;
  }
  const ns = r.namespaced ? ctx.namespace : undefined;
  try {
    const res = await send(ctx, {
      verb: 'POST',
      path: collectionPath(r, ns),
      query: writeQuery(ctx.flags.str('field-manager'), dryRun, validation),
      body: obj,
      contentType: 'application/json',
    });
    printer.print(r, res.body as KubeObject, 'created', dryRun);
  } catch (e) {
    if (b.wrap !== undefined && e instanceof ServerError) throw new CmdError(`${b.wrap}${e.status.message ?? ''}`);
    throw e;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// deployment

/** The container name kubectl derives from an image: last path part, without tag or digest. */
function containerName(image: string, used: Set<string>): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (name.includes('_') || used.has(name)) {
    // kubectl appends 5 random characters here; ours come from the image text, deterministically.
    name = `${name.replace(/_/g, '-')}-${suffix(image + used.size)}`;
  }
  used.add(name);
  return name;
}

function suffix(s: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) + i * 7919;
  }
  return out;
}

const deploymentCommand: CommandSpec = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  long: 'Create a deployment with the specified name.',
  example: `  # Create a deployment named web that runs the nginx image
  kubectl create deployment web --image=nginx

  # Create a deployment with three replicas that exposes port 80
  kubectl create deployment web --image=nginx --replicas=3 --port=80

  # Create a deployment whose pods run two containers
  kubectl create deployment web --image=nginx --image=busybox`,
  usage: 'create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  flags: [
    ...createFlags,
    { name: 'image', type: 'stringSlice', usage: 'Image names to run. Give it several times for a pod with several containers.' },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', shorthand: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
  ],
  run: (ctx) =>
    runGenerator(ctx, () => {
      required(ctx, 'image');
      const dash = ctx.flags.argsLenAtDash;
      const names = dash >= 0 ? ctx.args.slice(0, dash) : ctx.args;
      if (names.length !== 1) throw new CmdError(`exactly one NAME is required, got ${names.length}\nSee 'kubectl ${ctx.path} -h' for help and examples`);
      const name = names[0];
      const command = dash >= 0 ? ctx.args.slice(dash) : [];
      const images = ctx.flags.list('image');
      if (images.length > 1 && command.length) throw new CmdError('cannot specify multiple --image options and command');
      const labels = { app: name };
      const used = new Set<string>();
      const containers = images.map((image) => {
        const c: Record<string, unknown> = { name: containerName(image, used), image };
        return c;
      });
      if (command.length && containers.length) containers[0].command = command;
      const port = ctx.flags.int('port');
      if (port >= 0 && containers.length) containers[0].ports = [{ containerPort: port }];
      for (const c of containers) c.resources = {};
      return {
        group: 'apps',
        resource: 'deployments',
        wrap: 'failed to create deployment: ',
        object: {
          kind: 'Deployment',
          apiVersion: 'apps/v1',
          metadata: meta(ctx, name, labels),
          spec: {
            replicas: ctx.flags.int('replicas'),
            selector: { matchLabels: { ...labels } },
            template: { metadata: { creationTimestamp: null, labels: { ...labels } } as unknown as KubeObject['metadata'], spec: { containers } },
            strategy: {},
          },
          status: {},
        },
      };
    }),
};

// ---------------------------------------------------------------------------------------------
// service

function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function servicePorts(ctx: CmdContext, nodePort: number): Record<string, unknown>[] {
  return ctx.flags.list('tcp').map((spec) => {
    const parts = spec.split(':');
    const port = parsePort(parts[0]);
    let targetPort: number | string = port;
    if (parts.length > 1) targetPort = /^\d+$/.test(parts[1]) ? Number(parts[1]) : parts[1];
    const p: Record<string, unknown> = { name: spec.replace(/:/g, '-'), protocol: 'TCP', port, targetPort };
    if (nodePort) p.nodePort = nodePort;
    return p;
  });
}

const tcpFlag: FlagDef = { name: 'tcp', type: 'stringSlice', usage: 'Port pairs can be specified as "<port>:<targetPort>".' };

function serviceCommand(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName', extra: FlagDef[], example: string): CommandSpec {
  const sub = type.toLowerCase();
  return {
    name: sub,
    short: `Create a ${type === 'ExternalName' ? 'an ExternalName' : type} service`.replace('a an', 'an'),
    long: `Create a ${type} service with the specified name.`,
    example,
    usage: type === 'ExternalName' ? 'create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]' : `create service ${sub} NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]`,
    flags: [...createFlags, tcpFlag, ...extra],
    run: (ctx) =>
      runGenerator(ctx, () => {
        if (type === 'ExternalName') required(ctx, 'external-name');
        const name = oneName(ctx);
        const clusterIP = type === 'ClusterIP' ? ctx.flags.str('clusterip') : '';
        if (type !== 'ExternalName' && !ctx.flags.list('tcp').length && clusterIP !== 'None') throw new CmdError('at least one tcp port specifier must be provided');
        if (type === 'ExternalName') {
          const ext = ctx.flags.str('external-name');
          if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(ext) || ext.length > 253) throw new CmdError(`invalid service external name ${ext}`);
        }
        const labels = { app: name };
        const spec: Record<string, unknown> = {};
        const ports = servicePorts(ctx, type === 'NodePort' ? ctx.flags.int('node-port') : 0);
        if (ports.length) spec.ports = ports;
        spec.selector = { ...labels };
        if (clusterIP) spec.clusterIP = clusterIP;
        spec.type = type;
        if (type === 'ExternalName') spec.externalName = ctx.flags.str('external-name');
        return {
          group: '',
          resource: 'services',
          wrap: `failed to create ${type} service: `,
          object: { kind: 'Service', apiVersion: 'v1', metadata: meta(ctx, name, labels), spec, status: { loadBalancer: {} } },
        };
      }),
  };
}

const serviceGroup: CommandSpec = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  long: 'Create a service using a specified subcommand.',
  usage: 'create service [flags] [options]',
  subcommands: [
    serviceCommand(
      'ClusterIP',
      [{ name: 'clusterip', type: 'string', usage: 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).' }],
      `  # Create a ClusterIP service named web on port 80 that forwards to port 8080
  kubectl create service clusterip web --tcp=80:8080

  # Create a headless service
  kubectl create service clusterip web --clusterip="None"`,
    ),
    serviceCommand(
      'ExternalName',
      [{ name: 'external-name', type: 'string', usage: 'External name of the service' }],
      `  # Create a service named db that resolves to db.example.com
  kubectl create service externalname db --external-name db.example.com`,
    ),
    serviceCommand(
      'LoadBalancer',
      [],
      `  # Create a LoadBalancer service named web on port 80 that forwards to port 8080
  kubectl create service loadbalancer web --tcp=80:8080`,
    ),
    serviceCommand(
      'NodePort',
      [{ name: 'node-port', type: 'int', usage: 'Port used to expose the service on each node in a cluster.' }],
      `  # Create a NodePort service named web on port 80 that forwards to port 8080
  kubectl create service nodeport web --tcp=80:8080`,
    ),
  ],
};
serviceGroup.run = groupHelp('create service', serviceGroup);

function groupHelp(path: string, c: CommandSpec): (ctx: CmdContext) => Promise<number> {
  return async (ctx) => {
    if (ctx.args.length) throw new CmdError(`unknown command "${ctx.args[0]}" for "kubectl ${path}"`);
    ctx.err(commandHelp(path, c));
    return 1;
  };
}

// ---------------------------------------------------------------------------------------------
// namespace

const namespaceCommand: CommandSpec = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  long: 'Create a namespace with the specified name.',
  example: `  # Create a namespace named team-a
  kubectl create namespace team-a`,
  usage: 'create namespace NAME [--dry-run=server|client|none] [options]',
  flags: createFlags,
  run: (ctx) =>
    runGenerator(ctx, () => {
      const name = oneName(ctx);
      const m: Record<string, unknown> = { name, creationTimestamp: null };
      return { group: '', resource: 'namespaces', object: { kind: 'Namespace', apiVersion: 'v1', metadata: m as KubeObject['metadata'], spec: {}, status: {} } };
    }),
};

// ---------------------------------------------------------------------------------------------
// configmap and secret generic

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function readSource(ctx: CmdContext, path: string): string {
  const t = ctx.io.readFile(path);
  if (t === undefined) throw new CmdError(`error reading ${path}: no such file or directory`);
  return t;
}

/** --from-file, --from-literal, --from-env-file into key → text. */
function gatherData(ctx: CmdContext, add: (key: string, value: string) => void): void {
  for (const src of ctx.flags.list('from-file')) {
    const eq = src.indexOf('=');
    if (eq === 0) throw new CmdError(`key name for file path ${src.slice(1)} missing`);
    if (eq > 0) {
      add(src.slice(0, eq), readSource(ctx, src.slice(eq + 1)));
      continue;
    }
    const dir = ctx.io.listDir?.(src);
    if (dir) {
      for (const f of [...dir].sort()) {
        const full = `${src.replace(/\/$/, '')}/${f}`;
        if (ctx.io.listDir?.(full)) continue;
        add(f, readSource(ctx, full));
      }
      continue;
    }
    add(src.split('/').pop() ?? src, readSource(ctx, src));
  }
  for (const lit of ctx.flags.list('from-literal')) {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw new CmdError(`invalid literal source ${lit}, expected key=value`);
    let v = lit.slice(eq + 1);
    if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) v = v.slice(1, -1);
    add(lit.slice(0, eq), v);
  }
  for (const envFile of ctx.flags.list('from-env-file')) {
    const text = readSource(ctx, envFile);
    text.split('\n').forEach((raw, i) => {
      const line = raw.replace(/^\uFEFF/, '').replace(/^\s+/, '');
      if (!line.trim() || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      if (eq < 0) {
        add(line.trim(), '');
        return;
      }
      const key = line.slice(0, eq);
      if (/\s/.test(key) || !key) throw new CmdError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (line ${i + 1})`);
      add(key, line.slice(eq + 1));
    });
  }
}

const KEY_RE = /^[-._a-zA-Z0-9]+$/;

function checkKey(key: string): void {
  if (!KEY_RE.test(key) || key.length > 253) {
    throw new CmdError(`"${key}" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
  }
}

const dataFlags: FlagDef[] = [
  { name: 'append-hash', type: 'bool', usage: 'Append a hash of the data to its name.' },
  { name: 'from-env-file', type: 'stringSlice', usage: 'Path to a file of KEY=VALUE lines (one or more files).' },
  { name: 'from-file', type: 'stringSlice', usage: 'A file (its base name becomes the key), KEY=PATH, or a directory (each regular file becomes a key).' },
  { name: 'from-literal', type: 'stringArray', usage: 'A key and literal value to insert (i.e. mykey=somevalue)' },
];

const configmapCommand: CommandSpec = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  long: `Create a config map from files, directories or literal values.

 A file becomes one key named after the file (or the key you give as KEY=PATH); a directory gives one key per regular file in it; --from-literal adds KEY=VALUE pairs.`,
  example: `  # Create a config map named settings from two literal values
  kubectl create configmap settings --from-literal=mode=dev --from-literal=level=3

  # Create a config map from a file, under the key app.conf
  kubectl create configmap settings --from-file=app.conf=./config/app.conf`,
  usage: 'create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...createFlags, ...dataFlags],
  run: (ctx) =>
    runGenerator(ctx, () => {
      const name = oneName(ctx);
      const data: Record<string, string> = {};
      gatherData(ctx, (k, v) => {
        checkKey(k);
        if (k in data) throw new CmdError(`cannot add key "${k}", another key by that name already exists in Data for ConfigMap "${name}"`);
        data[k] = v;
      });
      const m: Record<string, unknown> = { name };
      if (ctx.explicitNamespace) m.namespace = ctx.namespace;
      m.creationTimestamp = null;
      const obj: KubeObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: m as KubeObject['metadata'] };
      if (Object.keys(data).length) obj.data = data;
      return { group: '', resource: 'configmaps', wrap: 'failed to create configmap: ', object: obj };
    }),
};

const secretGeneric: CommandSpec = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  long: `Create a secret from files, directories or literal values.

 Keys are named as for config maps; values are stored base64-encoded in data.`,
  example: `  # Create a secret named db with a user and a password
  kubectl create secret generic db --from-literal=user=admin --from-literal=password=s3cret

  # Create a secret from an SSH key file
  kubectl create secret generic ssh --from-file=ssh-privatekey=./id_rsa`,
  usage: 'create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...createFlags, ...dataFlags, { name: 'type', type: 'string', usage: 'The type of secret to create' }],
  run: (ctx) =>
    runGenerator(ctx, () => {
      const name = oneName(ctx);
      const data: Record<string, string> = {};
      gatherData(ctx, (k, v) => {
        if (!KEY_RE.test(k)) throw new CmdError(`"${k}" is not a valid key name for a Secret: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
        if (k in data) throw new CmdError(`cannot add key ${k}, another key by that name already exists`);
        data[k] = base64(v);
      });
      const m: Record<string, unknown> = { name };
      if (ctx.explicitNamespace) m.namespace = ctx.namespace;
      m.creationTimestamp = null;
      const obj: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: m as KubeObject['metadata'] };
      if (Object.keys(data).length) obj.data = data;
      if (ctx.flags.str('type')) obj.type = ctx.flags.str('type');
      return { group: '', resource: 'secrets', wrap: 'failed to create secret ', object: obj };
    }),
};

const secretGroup: CommandSpec = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  long: `Create a secret of the given type.

 A generic secret is an Opaque secret made from files, directories or literal values.`,
  usage: 'create secret (docker-registry | generic | tls) [options]',
  subcommands: [secretGeneric],
};
secretGroup.run = groupHelp('create secret', secretGroup);

export const generatorCommands: CommandSpec[] = [configmapCommand, deploymentCommand, namespaceCommand, secretGroup, serviceGroup, tokenCommand];
