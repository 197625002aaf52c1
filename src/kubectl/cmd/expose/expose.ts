// kubectl expose (deployment|rs|rc|pod|service) NAME: a Service whose selector, ports and
// protocols come from the exposed object unless given; POSTed with fieldManager=kubectl-expose.
import type { KubeObject } from '../../../api/types';
import type { CmdContext, CommandSpec } from '../../command';
import { F } from '../../command';
import { CmdError, formatError } from '../../errors';
import { collectionPath } from '../../factory';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunQuery, dryRunStrategy, printOperation, visitInfos, type Info } from '../rollout/common';
import { printTypedJson } from '../run/gostruct';

export const exposeCommand: CommandSpec = {
  name: 'expose',
  group: 'Basic Commands (Beginner)',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: `Expose a resource as a new Kubernetes service.

 The service selects the pods of the exposed deployment, replica set, replication controller, pod or service: its selector is taken from that object unless --selector is given, and its port from the object's container ports unless --port is given.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
  example: `  # Expose the deployment web on port 80, forwarding to the containers' port 8080
  kubectl expose deployment web --port=80 --target-port=8080

  # Expose a pod through a NodePort service named web-np
  kubectl expose pod web --name=web-np --type=NodePort --port=80

  # Print the service that would be created, without creating it
  kubectl expose deployment web --port=80 --dry-run=client -o yaml`,
  usage: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { ...F.filename, usage: 'Filename, directory, or URL to files identifying the resource to expose a service' },
    F.recursive,
    { name: 'protocol', type: 'string', usage: "The network protocol for the service to be created. Default is 'TCP'." },
    { name: 'port', type: 'string', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'type', type: 'string', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
    { name: 'load-balancer-ip', type: 'string', usage: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
    { name: 'selector', type: 'string', usage: 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)' },
    { name: 'labels', shorthand: 'l', type: 'string', usage: 'Labels to apply to the service created by this call.' },
    { name: 'target-port', type: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'external-ip', type: 'string', usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.' },
    { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
    { name: 'session-affinity', type: 'string', usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
    { name: 'cluster-ip', type: 'string', usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
    { name: 'override-type', type: 'string', default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
    { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-expose', usage: 'Name of the manager used to track field ownership.' },
    F.record,
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
  ],
  run: runExpose,
};

const EXPOSABLE = new Set(['/Pod', '/Service', '/ReplicationController', 'apps/Deployment', 'apps/ReplicaSet', 'extensions/Deployment', 'extensions/ReplicaSet']);

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function podSpecOf(o: Any): Any | undefined {
  return o.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
}

function selectorFor(o: Any): Record<string, string> {
  switch (o.kind) {
    case 'Pod':
      if (!o.metadata?.labels || !Object.keys(o.metadata.labels).length) throw new Error('the pod has no labels and cannot be exposed');
      return o.metadata.labels;
    case 'Service':
      if (!o.spec?.selector) throw new Error('the service has no pod selector set');
      return o.spec.selector;
    case 'ReplicationController':
      return o.spec?.selector ?? {};
    default: {
      const sel = o.spec?.selector;
      if (sel?.matchExpressions?.length) throw new Error(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      return sel?.matchLabels ?? {};
    }
  }
}

function portsFor(o: Any): { ports: string[]; protocols: Map<string, string[]> } {
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  const add = (p: number, proto: string | undefined) => {
    ports.push(String(p));
    const k = String(p);
    const l = protocols.get(k) ?? [];
    const pr = proto || 'TCP';
    if (!l.includes(pr)) l.push(pr);
    protocols.set(k, l);
  };
  if (o.kind === 'Service') {
    for (const p of o.spec?.ports ?? []) add(p.port, p.protocol);
  } else {
    for (const c of podSpecOf(o)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  }
  return { ports, protocols };
}

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new CmdError(`unexpected label spec: ${part}`);
    if (!kv[0]) throw new CmdError('unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

function intOrString(s: string): number | string {
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

export function buildService(info: Info, ctx: CmdContext): KubeObject {
  const { flags } = ctx;
  const o = info.object as Any;
  const kindKey = `${info.resource.group}/${info.resource.kind}`;
  if (!EXPOSABLE.has(kindKey)) throw new CmdError(`cannot expose a ${info.resource.kind}`);
  let selector: Record<string, string>;
  if (flags.str('selector')) selector = parseLabels(flags.str('selector'));
  else {
    try {
      selector = selectorFor(o);
    } catch (e) {
      throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  if (!Object.keys(selector).length) throw new CmdError('selector must be specified');
  const headless = flags.str('cluster-ip') === 'None';
  let portList: string[] = [];
  if (flags.str('port')) portList = [flags.str('port')];
  else {
    const found = portsFor(o).ports;
    if (!found.length && !headless) throw new CmdError("couldn't find port via --port flag or introspection");
    portList = found;
  }
  const protocolMap = portsFor(o).protocols;
  const labels = flags.str('labels') ? parseLabels(flags.str('labels')) : o.metadata?.labels && Object.keys(o.metadata.labels).length ? { ...o.metadata.labels } : undefined;
  const name = flags.str('name') || (info.name.length > 63 ? info.name.slice(0, 63) : info.name);
  const ports: Any[] = [];
  portList.forEach((ps, i) => {
    if (!/^-?\d+$/.test(ps)) throw new CmdError(`strconv.Atoi: parsing "${ps}": invalid syntax`);
    const port = Number(ps);
    const pname = portList.length > 1 ? `port-${i + 1}` : undefined;
    let protocol = flags.str('protocol');
    if (!protocol) {
      protocol = 'TCP';
      const ex = protocolMap.get(ps);
      if (ex && ex.length === 1) protocol = ex[0];
      else if (ex && ex.length > 1) {
        for (const p of ex) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, protocol: p, port });
        return;
      }
    }
    ports.push({ ...(pname ? { name: pname } : {}), protocol, port });
  });
  const target = flags.str('target-port');
  for (const p of ports) p.targetPort = target ? intOrString(target) : p.port;
  const spec: Any = { ports, selector };
  if (flags.str('external-ip')) spec.externalIPs = [flags.str('external-ip')];
  if (flags.str('type')) spec.type = flags.str('type');
  if (spec.type === 'LoadBalancer' && flags.str('load-balancer-ip')) spec.loadBalancerIP = flags.str('load-balancer-ip');
  const aff = flags.str('session-affinity');
  if (aff) {
    if (aff !== 'None' && aff !== 'ClientIP') throw new CmdError(`unknown session affinity: ${aff}`);
    spec.sessionAffinity = aff;
  }
  if (flags.str('cluster-ip')) spec.clusterIP = flags.str('cluster-ip');
  const metadata: Any = { name, creationTimestamp: null };
  if (labels) metadata.labels = labels;
  return { kind: 'Service', apiVersion: 'v1', metadata, spec, status: { loadBalancer: {} } } as unknown as KubeObject;
}

async function runExpose(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  const dry = dryRunStrategy(ctx);
  const files = flags.list('filename');
  if (!ctx.args.length && !files.length) throw new CmdError(
    `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
  );
  const { infos, errors } = await visitInfos(ctx, ctx.args, { files, recursive: flags.bool('recursive') });
  const svcRes = await f.discovery.resolve('services');
  let failed: unknown;
  for (const info of infos) {
    try {
      const svc = buildService(info, ctx);
      let shown = svc;
      if (dry === 'client') {
        if (ctx.explicitNamespace) (svc.metadata as Any).namespace = ctx.namespace;
      } else {
        const res = await f.request({
          verb: 'POST',
          path: collectionPath(svcRes, ctx.namespace),
          query: { ...dryRunQuery(dry), fieldManager: flags.str('field-manager') },
          body: sortDeep(svc),
          contentType: 'application/json',
        });
        shown = res.body as KubeObject;
      }
      if (flags.str('output') === 'json') ctx.out(printTypedJson(shown, 'Service'));
      else printOperation(ctx, svcRes, shown, 'exposed', dry);
    } catch (e) {
      if (failed) ctx.err(formatError(failed) + '\n');
      failed = e;
    }
  }
  for (const e of errors) {
    if (failed) ctx.err(formatError(failed) + '\n');
    failed = e;
  }
  if (failed) throw failed;
  return 0;
}

/** kubectl sends the Service as unstructured JSON: map keys sorted. */
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const o = v as Any;
    const out: Any = {};
    for (const k of Object.keys(o).sort()) out[k] = sortDeep(o[k]);
    return out;
  }
  return v;
}
