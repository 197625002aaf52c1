// A node's rules in iptables-save form, as kube-proxy v1.32 in iptables mode writes them
// (pkg/proxy/iptables/proxier.go): the filter table REJECTs services without endpoints; the nat
// table sends KUBE-SERVICES → KUBE-SVC-<hash> → KUBE-SEP-<hash> (DNAT), NodePorts through
// KUBE-NODEPORTS → KUBE-EXT-<hash>, masquerading through KUBE-MARK-MASQ/KUBE-POSTROUTING.
// Chain names are base32(sha256(...))[:16] exactly as upstream. Rules within KUBE-SERVICES are
// sorted by service (upstream writes them in map order); chains are listed as iptables-save does.
import type { Model, ServicePortInfo, Endpoint } from './model';
import { usableEndpoints } from './model';
import { chainHash } from './sha256';

export const CLUSTER_CIDR = '10.244.0.0/16';

const svcChain = (sp: ServicePortInfo) => `KUBE-SVC-${chainHash(sp.id + sp.protocol.toLowerCase())}`;
const extChain = (sp: ServicePortInfo) => `KUBE-EXT-${chainHash(sp.id + sp.protocol.toLowerCase())}`;
const svlChain = (sp: ServicePortInfo) => `KUBE-SVL-${chainHash(sp.id + sp.protocol.toLowerCase())}`;
const sepChain = (sp: ServicePortInfo, e: Endpoint) => `KUBE-SEP-${chainHash(sp.id + sp.protocol.toLowerCase() + `${e.ip}:${e.port}`)}`;

/**
 * kube-proxy writes fmt.Sprintf("%0.10f", 1/n); the statistic match stores it as a fraction of
 * 2^31 and iptables-save prints that back with %.11f (1/3 → 0.33333333349).
 */
export function probability(n: number): string {
  const stored = Math.round(0x80000000 * Number((1 / n).toFixed(10)));
  return (stored / 0x80000000).toFixed(11);
}

class Table {
  private chains: string[] = [];
  private rules = new Map<string, string[]>();
  constructor(
    readonly name: string,
    private readonly builtins: string[],
  ) {
    for (const b of builtins) this.rules.set(b, []);
  }
  chain(c: string): this {
    if (!this.rules.has(c)) {
      this.rules.set(c, []);
      this.chains.push(c);
    }
    return this;
  }
  add(c: string, rule: string): void {
    this.chain(c);
    this.rules.get(c)!.push(`-A ${c} ${rule}`);
  }
  render(): string {
    const user = [...this.chains].sort();
    const lines = [`*${this.name}`];
    for (const b of this.builtins) lines.push(`:${b} ACCEPT [0:0]`);
    for (const c of user) lines.push(`:${c} - [0:0]`);
    for (const c of [...this.builtins, ...user]) lines.push(...this.rules.get(c)!);
    lines.push('COMMIT');
    return lines.join('\n');
  }
}

export function iptablesSave(model: Model, nodeName: string, date: string): string {
  const filter = new Table('filter', ['INPUT', 'FORWARD', 'OUTPUT']);
  const nat = new Table('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);

  for (const c of ['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-KUBELET-CANARY', 'KUBE-NODEPORTS', 'KUBE-PROXY-CANARY', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES']) filter.chain(c);
  filter.add('INPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL');
  filter.add('INPUT', '-m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS');
  filter.add('INPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES');
  filter.add('INPUT', '-j KUBE-FIREWALL');
  filter.add('FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL');
  filter.add('FORWARD', '-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD');
  filter.add('FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
  filter.add('FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES');
  filter.add('OUTPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL');
  filter.add('OUTPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
  filter.add('OUTPUT', '-j KUBE-FIREWALL');
  filter.add('KUBE-FIREWALL', '! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP');
  filter.add('KUBE-FORWARD', '-m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP');
  filter.add('KUBE-FORWARD', '-m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT');
  filter.add('KUBE-FORWARD', '-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');

  for (const c of ['KUBE-KUBELET-CANARY', 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-PROXY-CANARY', 'KUBE-SERVICES']) nat.chain(c);
  nat.add('PREROUTING', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
  nat.add('OUTPUT', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
  nat.add('POSTROUTING', '-m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING');
  nat.add('KUBE-MARK-MASQ', '-j MARK --set-xmark 0x4000/0x4000');
  nat.add('KUBE-POSTROUTING', '-m mark ! --mark 0x4000/0x4000 -j RETURN');
  nat.add('KUBE-POSTROUTING', '-j MARK --set-xmark 0x4000/0x0');
  nat.add('KUBE-POSTROUTING', '-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully');

  for (const sp of model.ports) {
    if (sp.type === 'ExternalName') continue;
    const proto = sp.protocol.toLowerCase();
    const m = `-p ${proto}`;
    const all = usableEndpoints(sp.endpoints);
    const local = usableEndpoints(sp.endpoints, nodeName);
    const hasExternal = !!sp.nodePort || sp.externalIPs.length > 0 || sp.loadBalancerIPs.length > 0;
    if (!all.length) {
      // No endpoints: REJECT in the filter table, so clients see "connection refused".
      if (sp.clusterIP) filter.add('KUBE-SERVICES', `-d ${sp.clusterIP}/32 ${m} -m comment --comment "${sp.id} has no endpoints" -m ${proto} --dport ${sp.port} -j REJECT --reject-with icmp-port-unreachable`);
      for (const ip of sp.externalIPs) filter.add('KUBE-EXTERNAL-SERVICES', `-d ${ip}/32 ${m} -m comment --comment "${sp.id} has no endpoints" -m ${proto} --dport ${sp.port} -j REJECT --reject-with icmp-port-unreachable`);
      if (sp.nodePort) filter.add('KUBE-EXTERNAL-SERVICES', `${m} -m comment --comment "${sp.id} has no endpoints" -m addrtype --dst-type LOCAL -m ${proto} --dport ${sp.nodePort} -j REJECT --reject-with icmp-port-unreachable`);
      continue;
    }
    const svc = svcChain(sp);
    const internalTarget = sp.internalLocal ? svlChain(sp) : svc;
    const externalTarget = hasExternal ? extChain(sp) : svc;
    if (sp.clusterIP) {
      nat.add('KUBE-SERVICES', `-d ${sp.clusterIP}/32 ${m} -m comment --comment "${sp.id} cluster IP" -m ${proto} --dport ${sp.port} -j ${internalTarget}`);
    }
    for (const ip of sp.externalIPs) nat.add('KUBE-SERVICES', `-d ${ip}/32 ${m} -m comment --comment "${sp.id} external IP" -m ${proto} --dport ${sp.port} -j ${externalTarget}`);
    for (const ip of sp.loadBalancerIPs) nat.add('KUBE-SERVICES', `-d ${ip}/32 ${m} -m comment --comment "${sp.id} loadbalancer IP" -m ${proto} --dport ${sp.port} -j ${externalTarget}`);
    if (sp.nodePort) nat.add('KUBE-NODEPORTS', `${m} -m comment --comment "${sp.id}" -m ${proto} --dport ${sp.nodePort} -j ${externalTarget}`);

    if (hasExternal) {
      const ext = extChain(sp);
      if (sp.externalLocal) {
        nat.add(ext, `-s ${CLUSTER_CIDR} -m comment --comment "pod traffic for ${sp.id} external destinations" -j ${svc}`);
        nat.add(ext, `-m comment --comment "masquerade LOCAL traffic for ${sp.id} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
        nat.add(ext, `-m comment --comment "route LOCAL traffic for ${sp.id} external destinations" -m addrtype --src-type LOCAL -j ${svc}`);
        if (local.length) nat.add(ext, `-j ${svlChain(sp)}`);
        else if (sp.nodePort) {
          filter.add('KUBE-EXTERNAL-SERVICES', `${m} -m comment --comment "${sp.id} has no local endpoints" -m addrtype --dst-type LOCAL -m ${proto} --dport ${sp.nodePort} -j DROP`);
        }
      } else {
        nat.add(ext, `-m comment --comment "masquerade traffic for ${sp.id} external destinations" -j KUBE-MARK-MASQ`);
        nat.add(ext, `-j ${svc}`);
      }
    }
    if (sp.clusterIP) nat.add(svc, `! -s ${CLUSTER_CIDR} -d ${sp.clusterIP}/32 ${m} -m comment --comment "${sp.id} cluster IP" -m ${proto} --dport ${sp.port} -j KUBE-MARK-MASQ`);
    writeEndpointRules(nat, sp, svc, all);
    if (sp.internalLocal || sp.externalLocal) writeEndpointRules(nat, sp, svlChain(sp), local, false);
    for (const e of all) {
      const sep = sepChain(sp, e);
      nat.add(sep, `-s ${e.ip}/32 -m comment --comment "${sp.id}" -j KUBE-MARK-MASQ`);
      const recent = sp.affinityTimeoutSec !== undefined ? ` -m recent --set --name ${sep} --mask 255.255.255.255 --rsource` : '';
      nat.add(sep, `${m} -m comment --comment "${sp.id}" -m ${proto}${recent} -j DNAT --to-destination ${e.ip}:${e.port}`);
    }
  }
  nat.add(
    'KUBE-SERVICES',
    '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  );
  const head = (t: string) => `# Generated by iptables-save v1.8.9 (nf_tables) on ${date}\n${t}\n# Completed on ${date}`;
  return `${head(filter.render())}\n${head(nat.render())}\n`;
}

function writeEndpointRules(nat: Table, sp: ServicePortInfo, chain: string, eps: Endpoint[], affinity = true): void {
  nat.chain(chain);
  if (affinity && sp.affinityTimeoutSec !== undefined) {
    for (const e of eps) {
      const sep = sepChain(sp, e);
      nat.add(chain, `-m comment --comment "${sp.id} -> ${e.ip}:${e.port}" -m recent --rcheck --seconds ${sp.affinityTimeoutSec} --reap --name ${sep} --mask 255.255.255.255 --rsource -j ${sep}`);
    }
  }
  eps.forEach((e, i) => {
    const n = eps.length - i;
    const stat = n > 1 ? ` -m statistic --mode random --probability ${probability(n)}` : '';
    nat.add(chain, `-m comment --comment "${sp.id} -> ${e.ip}:${e.port}"${stat} -j ${sepChain(sp, e)}`);
  });
}

/** `Mon Nov 23 09:00:00 2026`, as iptables-save stamps its output (ctime, UTC here). */
export function ctime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}
