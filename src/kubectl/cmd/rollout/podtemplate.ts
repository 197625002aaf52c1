// describe's "Pod Template:" block (as `rollout history --revision` and `rollout undo --dry-run`
// print it: PrefixWriter levels of two spaces, tabs left as they are).
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const L = (n: number) => '  '.repeat(n);

function multiline(title: string, entries: string[]): string {
  if (!entries.length) return `${title}:\t<none>\n`;
  return `${title}:\t` + entries.map((e, i) => (i ? `\t${e}` : e) + '\n').join('');
}

function labelLines(title: string, m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return multiline(title, keys.map((k) => `${k}=${m![k]}`));
}

function annotationLines(title: string, m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return multiline(title, keys.map((k) => `${k}: ${m![k]}`));
}

function toleration(t: Any): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

function intOrStr(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

export function describeProbe(p: Any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const port = intOrStr(h.port);
    const host = port ? `${h.host ?? ''}:${port}` : (h.host ?? '');
    return `http-get ${String(h.scheme ?? '').toLowerCase()}://${host}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${intOrStr(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function containers(label: string, list: Any[]): string {
  let out = `  ${label}:${list.length ? '' : ' <none>'}\n`;
  for (const c of list) {
    out += `${L(1)} ${c.name}:\n`;
    out += `${L(2)}Image:\t${c.image ?? ''}\n`;
    const ports = (c.ports ?? []).map((p: Any) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    out += ports.includes(',') ? `${L(2)}Ports:\t${ports}\n` : `${L(2)}Port:\t${ports || '<none>'}\n`;
    const hostPorts = (c.ports ?? []).map((p: Any) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    out += hostPorts.includes(',') ? `${L(2)}Host Ports:\t${hostPorts}\n` : `${L(2)}Host Port:\t${hostPorts || '<none>'}\n`;
    for (const [name, arr] of [['Command', c.command], ['Args', c.args]] as [string, string[] | undefined][]) {
      if (arr?.length) {
        out += `${L(2)}${name}:\n`;
        for (const a of arr) for (const s of a.split('\n')) out += `${L(3)}${s}\n`;
      }
    }
    for (const [name, m] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as [string, Record<string, string> | undefined][]) {
      const keys = Object.keys(m ?? {}).sort();
      if (keys.length) {
        out += `${L(2)}${name}:\n`;
        for (const k of keys) out += `${L(3)}${k}:\t${m![k]}\n`;
      }
    }
    if (c.livenessProbe) out += `${L(2)}Liveness:\t${describeProbe(c.livenessProbe)}\n`;
    if (c.readinessProbe) out += `${L(2)}Readiness:\t${describeProbe(c.readinessProbe)}\n`;
    if (c.startupProbe) out += `${L(2)}Startup:\t${describeProbe(c.startupProbe)}\n`;
    if (c.envFrom?.length) {
      out += `${L(2)}Environment Variables from:\n`;
      for (const e of c.envFrom) {
        const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
        const ref = e.configMapRef ?? e.secretRef ?? {};
        out += e.prefix ? `${L(3)}${ref.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${!!ref.optional}\n` : `${L(3)}${ref.name ?? ''}\t${from}\tOptional: ${!!ref.optional}\n`;
      }
    }
    out += `${L(2)}Environment:${c.env?.length ? '' : '\t<none>'}\n`;
    for (const e of c.env ?? []) {
      if (!e.valueFrom) {
        String(e.value ?? '')
          .split('\n')
          .forEach((s, i) => (out += i === 0 ? `${L(3)}${e.name}:\t${s}\n` : `${L(3)}\t${s}\n`));
      } else if (e.valueFrom.fieldRef) out += `${L(3)}${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? ''}:${e.valueFrom.fieldRef.fieldPath})\n`;
      else if (e.valueFrom.resourceFieldRef) out += `${L(3)}${e.name}:\t (${e.valueFrom.resourceFieldRef.resource})\n`;
      else if (e.valueFrom.secretKeyRef) out += `${L(3)}${e.name}:\t<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>\tOptional: ${!!e.valueFrom.secretKeyRef.optional}\n`;
      else if (e.valueFrom.configMapKeyRef) out += `${L(3)}${e.name}:\t<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>\tOptional: ${!!e.valueFrom.configMapKeyRef.optional}\n`;
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a: Any, b: Any) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    out += `${L(2)}Mounts:${mounts.length ? '' : '\t<none>'}\n`;
    for (const m of mounts) {
      const fl = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) fl.push(`path="${m.subPath}"`);
      out += `${L(3)}${m.mountPath} from ${m.name} (${fl.join(',')})\n`;
    }
  }
  return out;
}

function volumes(list: Any[]): string {
  if (!list.length) return `  Volumes:\t<none>\n`;
  let out = `  Volumes:\n`;
  for (const v of list) {
    out += `${L(1)} ${v.name}:\n`;
    if (v.emptyDir) out += `${L(2)}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${L(2)}Medium:\t${v.emptyDir.medium ?? ''}\n${L(2)}SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`;
    else if (v.configMap) out += `${L(2)}Type:\tConfigMap (a volume populated by a ConfigMap)\n${L(2)}Name:\t${v.configMap.name ?? ''}\n${L(2)}Optional:\t${!!v.configMap.optional}\n`;
    else if (v.secret) out += `${L(2)}Type:\tSecret (a volume populated by a Secret)\n${L(2)}SecretName:\t${v.secret.secretName ?? ''}\n${L(2)}Optional:\t${!!v.secret.optional}\n`;
    else if (v.hostPath) out += `${L(2)}Type:\tHostPath (bare host directory volume)\n${L(2)}Path:\t${v.hostPath.path}\n${L(2)}HostPathType:\t${v.hostPath.type ?? ''}\n`;
    else if (v.persistentVolumeClaim) out += `${L(2)}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n${L(2)}ClaimName:\t${v.persistentVolumeClaim.claimName}\n${L(2)}ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`;
    else out += `${L(2)}<unknown>\n`;
  }
  return out;
}

/** DescribePodTemplate. */
export function describePodTemplate(t: Any | undefined): string {
  let out = 'Pod Template:\n';
  if (!t) return out + `${L(1)}<unset>`;
  out += labelLines('  Labels', t.metadata?.labels);
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length) out += annotationLines('  Annotations', t.metadata.annotations);
  const s = t.spec ?? {};
  if (s.serviceAccountName) out += `${L(1)}Service Account:\t${s.serviceAccountName}\n`;
  if (s.initContainers?.length) out += containers('Init Containers', s.initContainers);
  out += containers('Containers', s.containers ?? []);
  out += volumes(s.volumes ?? []);
  if (s.priorityClassName) out += `${L(1)}Priority Class Name:\t${s.priorityClassName}\n`;
  out += labelLines('  Node-Selectors', s.nodeSelector);
  out += multiline('  Tolerations', (s.tolerations ?? []).map(toleration));
  return out;
}
