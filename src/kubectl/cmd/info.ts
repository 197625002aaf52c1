// version, api-resources, api-versions, cluster-info: what the client and the server are.
import { F, type CmdContext, type CommandSpec } from '../command';
import { CmdError } from '../errors';
import { gvString } from '../discovery';
import { tabwrite } from '../printers/tabwriter';
import { toJson } from '../printers/json';
import { toYaml } from '../printers/yaml';

export const CLIENT_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.5',
  gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:03:13Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};
const KUSTOMIZE_VERSION = 'v5.5.0';

export const versionCommand: CommandSpec = {
  name: 'version',
  group: 'Other Commands',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  example: `  # Print the client and server versions for the current context
  kubectl version`,
  usage: 'version [flags] [options]',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  async run(ctx: CmdContext) {
    const o = ctx.flags.str('output');
    if (o && o !== 'yaml' && o !== 'json') throw new CmdError(`--output must be 'yaml' or 'json'`);
    let server: Record<string, string> | undefined;
    let serverErr: unknown;
    if (!ctx.flags.bool('client')) {
      try {
        server = (await ctx.f.request({ verb: 'GET', path: '/version' })).body as Record<string, string>;
      } catch (e) {
        serverErr = e;
      }
    }
    if (o) {
      const doc: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
      if (server) doc.serverVersion = server;
      ctx.out(o === 'json' ? toJson(doc) : toYaml(doc));
    } else {
      ctx.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (server) ctx.out(`Server Version: ${server.gitVersion}\n`);
    }
    if (serverErr) throw serverErr;
  },
};

export const apiVersionsCommand: CommandSpec = {
  name: 'api-versions',
  group: 'Other Commands',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the API versions the server supports, one "group/version" per line.',
  example: `  # Print the supported API versions
  kubectl api-versions`,
  usage: 'api-versions [flags] [options]',
  async run(ctx) {
    const all = await ctx.f.discovery.all();
    const set = [...new Set(all.map((r) => gvString(r)))].sort();
    ctx.out(set.map((s) => s + '\n').join(''));
  },
};

export const apiResourcesCommand: CommandSpec = {
  name: 'api-resources',
  group: 'Other Commands',
  short: 'Print the supported API resources on the server',
  long: 'Print the resources the server supports: name, short names, API version, whether namespaced, and kind.',
  example: `  # Print the supported API resources
  kubectl api-resources

  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true

  # Print the supported API resources with a specific APIGroup
  kubectl api-resources --api-group=apps`,
  usage: 'api-resources [flags] [options]',
  flags: [
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', type: 'stringSlice', usage: 'Limit to resources that support the specified verbs.' },
    { name: 'categories', type: 'stringSlice', usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'cached', type: 'bool', usage: 'Use the cached list of resources if available.' },
  ],
  async run(ctx) {
    const { flags } = ctx;
    const o = flags.str('output');
    if (o && o !== 'wide' && o !== 'name') throw new CmdError(`--output ${o} is not available`);
    let rs = await ctx.f.discovery.preferred();
    if (flags.changed('api-group')) rs = rs.filter((r) => r.group === flags.str('api-group'));
    if (flags.changed('namespaced')) rs = rs.filter((r) => r.namespaced === flags.bool('namespaced'));
    const verbs = flags.list('verbs');
    if (verbs.length) rs = rs.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    const cats = flags.list('categories');
    if (cats.length) rs = rs.filter((r) => cats.every((c) => r.categories.includes(c)));
    const sortBy = flags.str('sort-by');
    if (sortBy === 'name') rs = [...rs].sort((a, b) => a.resource.localeCompare(b.resource));
    else if (sortBy === 'kind') rs = [...rs].sort((a, b) => a.kind.localeCompare(b.kind));
    else if (sortBy) throw new CmdError(`--sort-by accepts only name or kind`);
    else rs = [...rs].sort((a, b) => (a.group === b.group ? 0 : a.group === '' ? -1 : b.group === '' ? 1 : a.group.localeCompare(b.group)) || a.resource.localeCompare(b.resource));
    if (o === 'name') {
      ctx.out(rs.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource) + '\n').join(''));
      return;
    }
    const rows: string[][] = [];
    if (!flags.bool('no-headers')) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(o === 'wide' ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const r of rs) {
      const row = [r.resource, r.shortNames.join(','), gvString(r), String(r.namespaced), r.kind];
      if (o === 'wide') row.push(r.verbs.join(','), r.categories.join(','));
      rows.push(row);
    }
    ctx.out(tabwrite(rows));
  },
};

export const clusterInfoCommand: CommandSpec = {
  name: 'cluster-info',
  group: 'Cluster Management Commands',
  short: 'Display cluster information',
  long: 'Display the addresses of the control plane and of the services labelled kubernetes.io/cluster-service=true.',
  example: `  # Print the address of the control plane and cluster services
  kubectl cluster-info`,
  usage: 'cluster-info [flags] [options]',
  async run(ctx) {
    const res = await ctx.f.request({ verb: 'GET', path: '/api/v1/namespaces/kube-system/services', query: { labelSelector: 'kubernetes.io/cluster-service=true' } });
    const server = ctx.f.config.server.replace(/\/$/, '');
    const tty = !!ctx.io.isTerminal;
    const green = (s: string) => (tty ? `\x1b[0;32m${s}\x1b[0m` : s);
    const yellow = (s: string) => (tty ? `\x1b[0;33m${s}\x1b[0m` : s);
    let out = `${green('Kubernetes control plane')} is running at ${yellow(server)}\n`;
    for (const svc of (res.body as { items: { metadata: { name: string; labels?: Record<string, string> }; spec: { ports?: { name?: string; port: number }[] } }[] }).items) {
      const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name;
      const port = svc.spec.ports?.[0];
      const portPart = port ? (port.name ? `:${port.name}` : `:${port.port}`) : '';
      out += `${green(name)} is running at ${yellow(`${server}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${portPart}/proxy`)}\n`;
    }
    out += `\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`;
    ctx.out(out);
  },
};

export { F };
