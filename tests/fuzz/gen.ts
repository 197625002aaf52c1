// Seeded generators for the kubectl fuzz: command lines from kubectl's own grammar (the command
// tree, its flags and their types, resource types and names, output formats, selectors), token
// mutations, and manifests (valid objects mutated in structure, then in text). The PRNG is
// seeded, so a failing case replays exactly from its seed and index.
import { stringify } from 'yaml';
import { COMMANDS } from '../../src/kubectl/cmd';
import { GLOBAL_FLAGS, type CommandSpec } from '../../src/kubectl/command';
import type { FlagDef } from '../../src/kubectl/flags';

/** mulberry32, as in src/shell/fuzz.test.ts. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof prng>;

// ---------------------------------------------------------------------------------------------
// The grammar

interface Path {
  words: string[];
  spec: CommandSpec;
}

/** Every command path, with aliases as alternative words (`create deploy`, `top po`). */
function paths(): Path[] {
  const out: Path[] = [];
  const walk = (cs: CommandSpec[], prefix: string[][]) => {
    for (const c of cs) {
      const alts = [c.name, ...(c.aliases ?? [])];
      const here = [...prefix, alts];
      out.push({ words: here.map((a) => a[0]), spec: c });
      for (const alt of alts.slice(1)) out.push({ words: [...here.slice(0, -1).map((a) => a[0]), alt], spec: c });
      if (c.subcommands) walk(c.subcommands, here);
    }
  };
  walk(COMMANDS, []);
  return out;
}
export const PATHS = paths();
/** Commands a learner uses most, weighted up. */
const COMMON = ['get', 'describe', 'create', 'apply', 'delete', 'run', 'expose', 'scale', 'label', 'annotate', 'patch', 'logs', 'rollout status', 'rollout undo', 'set image', 'explain', 'edit', 'exec', 'top pod', 'wait', 'config set-context'];
const COMMON_PATHS = PATHS.filter((p) => COMMON.includes(p.words.join(' ')));

export const TYPES = [
  'pods', 'pod', 'po', 'Pod', 'PODS', 'pods.v1', 'pods.v1.', 'deployments', 'deploy', 'deployment', 'deployments.apps', 'deployments.v1.apps', 'deployment.apps/v1',
  'replicasets', 'rs', 'rc', 'replicationcontrollers', 'services', 'svc', 'service', 'ns', 'namespaces', 'no', 'nodes', 'node', 'ep', 'endpoints', 'endpointslices',
  'cm', 'configmaps', 'secrets', 'secret', 'sa', 'serviceaccounts', 'events', 'ev', 'events.events.k8s.io', 'all', 'jobs', 'cronjobs', 'cj', 'ds', 'daemonsets',
  'sts', 'statefulsets', 'ing', 'ingresses', 'pv', 'pvc', 'crd', 'hpa', 'limits', 'quota', 'leases', 'componentstatuses', 'cs', 'apiservices', 'roles', 'clusterroles',
  'foo', 'foos.bar.io', 'pods,svc', 'po,deploy,foo', 'pods,', ',pods', 'pods,,svc', 'pods/', '/pods', 'pods.', '.pods', 'pods.v9', 'deploy.v1beta1.extensions',
  'pöds', 'ポッド', '*', '..', 'pods/status', 'pods/log', 'pods/exec', 'deploy/scale',
];
const NAME_BASE = ['web', 'solo', 'db', 'kubernetes', 'kubernetes-bootcamp', 'settings', 'creds', 'default', 'kube-system', 'controlplane', 'node01', 'node02', 'x', 'nope', 'coredns'];
export const BAD_NAMES = ['', '-', '--', 'UPPER', 'a_b', 'a.b', 'a/b', 'a b', '..', '.', '%2e%2e', '../..', 'é', '名前', 'a'.repeat(64), 'a'.repeat(254), 'x'.repeat(5000), '$(echo)', '\u0000', '\n', "'", '"', '{}', '[0]', '*'];
const NAMESPACES = ['default', 'kube-system', 'kube-public', 'fuzz', 'nope', 'Default', '', 'a_b', 'x'.repeat(70), '..', 'ns/x', 'é'];
const OUTPUTS = [
  'wide', 'yaml', 'json', 'name', 'YAML', 'Json', 'xml', '', 'table', 'yaml,json', 'wide,', '-', 'jsonpath', 'go-template', 'custom-columns', 'template',
  'jsonpath={.items[*].metadata.name}', 'jsonpath={.metadata.name}', "jsonpath='{.items[0].spec.containers[0].image}'", 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}',
  'jsonpath={.items[?(@.status.phase=="Running")].metadata.name}', 'jsonpath={..name}', 'jsonpath={$}', 'jsonpath={.items[-1:]}', 'jsonpath={.items[0:2:0]}', 'jsonpath={.items[',
  'jsonpath={.items[*]', 'jsonpath={range .items[*]}', 'jsonpath={end}', 'jsonpath={.a.b.c.d}', 'jsonpath={.items[?(@.x>)]}', 'jsonpath={.items[?(@.x=~/a/)]}', 'jsonpath={{}}',
  'jsonpath={.items[99999999999999999999]}', 'jsonpath={.metadata.labels.app\\.kubernetes\\.io/name}', "jsonpath={.metadata.annotations['a']}", 'jsonpath={@}', 'jsonpath={.items[*].metadata.name',
  'jsonpath-as-json={.items[*].metadata}', 'jsonpath-as-json={', 'jsonpath-file=/nope', 'jsonpath-file=tpl.txt',
  'go-template={{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', 'go-template={{.metadata.name}}', 'go-template={{', 'go-template={{end}}', 'go-template={{range .items}}',
  'go-template={{index .items 99}}', 'go-template={{index . "a" "b" 1}}', 'go-template={{len 5}}', 'go-template={{printf "%d %s %v %q %x" 1}}', 'go-template={{.x | printf "%s" | len}}',
  'go-template={{template "x"}}', 'go-template={{define "x"}}a{{end}}{{template "x" .}}', 'go-template={{with .spec}}{{.replicas}}{{else}}none{{end}}', 'go-template={{if}}{{end}}',
  'go-template={{$x := 1}}{{$x.y}}', 'go-template={{$undefined}}', 'go-template={{(index .spec.ports 0).nodePort}}', 'go-template={{.items | len}}', 'go-template={{nil}}', 'go-template={{call .x}}',
  'go-template={{range $i, $e := .items}}{{$i}}{{end}}', 'go-template={{range 5}}{{.}}{{end}}', 'go-template={{"\\x"}}', 'go-template={{/* c */}}', 'go-template={{ .a.b.c.d.e }}', 'go-template={{eq 1 "a"}}',
  'go-template-file=/nope', 'go-template-file=tpl.txt', 'templatefile=tpl.txt',
  'custom-columns=NAME:.metadata.name', 'custom-columns=NAME:.metadata.name,IMG:.spec.containers[*].image', 'custom-columns=:', 'custom-columns=A', 'custom-columns=A:', 'custom-columns=:.x',
  'custom-columns=A:.x,', 'custom-columns=A:{.metadata.name}', 'custom-columns=A:.items[', 'custom-columns=' + 'C:.a,'.repeat(200), 'custom-columns-file=/nope', 'custom-columns-file=cols.txt',
];
const SELECTORS = [
  'app=web', 'app==web', 'app!=web', 'app', '!app', 'app in (web,db)', 'app notin (web)', 'app in (', 'app in web', 'app in ()', 'app=', '=web', '==', '!=', '!', ',', 'app=web,', ',app=web',
  'a=b,c!=d,e', 'app=we b', 'app=web=x', 'app=' + 'v'.repeat(64), 'k'.repeat(64) + '=v', 'example.com/app=web', 'a/b/c=d', '/a=b', 'app=é', 'app=-web', 'tier in (fe,be),!x', '(', ')', 'app>1',
  'app<2', 'app gt 1', 'x'.repeat(5000), '\u0000', 'app in (web', 'app notin web)', 'app in (a b)',
];
const FIELD_SELECTORS = [
  'status.phase=Running', 'status.phase!=Running', 'metadata.name=web', 'metadata.namespace==default', 'spec.nodeName=node01', 'spec.nodeName=', 'foo=bar', 'metadata.name', '=', '==x', ',',
  'metadata.name=a,metadata.name=b', 'status.phase=Running,', 'spec.unschedulable=true', 'type=Warning', 'involvedObject.name=web', 'status.podIP=10.244.1.2', 'metadata.name in (a)', 'spec.nodeName!=,x=',
];
const INT_VALUES = ['0', '1', '2', '3', '-1', '5', '10', 'abc', '', '3.5', '+2', '-0', '1e3', '0x10', '2147483647', '2147483648', '-2147483649', '99999999999999999999', '٣', ' 1'];
const DURATIONS = ['0', '1s', '30s', '1m', '1m30s', '500ms', '-1s', '1', 'abc', '', '1h', '1d', '1.5s', '.5s', 's', '99999999999h', '1µs', '10m0s'];
const DRY_RUN = ['client', 'server', 'none', 'true', 'false', 'clinet', '', 'CLIENT'];
const CASCADE = ['background', 'foreground', 'orphan', 'true', 'false', 'maybe', ''];
const IMAGES = ['nginx', 'nginx:1.27', 'busybox', 'gcr.io/google-samples/kubernetes-bootcamp:v1', 'gcr.io/google-samples/kubernetes-bootcamp:v10', 'nginx:', ':latest', 'NGINX', 'a b', 'nginx@sha256:abc', 'web=nginx:1.25', '=nginx', 'web=', 'x'.repeat(300), ''];
const PATCHES = [
  '{"spec":{"replicas":2}}', '{"metadata":{"labels":{"a":"b"}}}', '[{"op":"replace","path":"/spec/replicas","value":3}]', '[{"op":"remove","path":"/nope"}]', '[{"op":"add","path":"/metadata/labels/x","value":"y"}]',
  '[{"op":"test","path":"/spec/replicas","value":1}]', '[{"op":"move","from":"/a","path":"/b"}]', '[{"op":"copy","from":"/metadata/name","path":"/metadata/labels/n"}]', '[{"op":"bogus"}]', '[{}]', '[1]', '[]',
  '{}', '', '{', 'null', '"str"', '42', 'spec: {replicas: 4}', '{"spec":{"containers":[{"name":"app","image":"nginx:1.26"}]}}', '{"spec":{"template":{"spec":{"containers":[{"$patch":"delete","name":"web"}]}}}}',
  '{"$patch":"replace"}', '{"metadata":{"$deleteFromPrimitiveList/finalizers":["x"]}}', '{"spec":{"$setElementOrder/containers":[{"name":"web"}]}}', '{"metadata":{"name":"renamed"}}', '{"metadata":{"resourceVersion":"1"}}',
  '{"spec":{"replicas":"three"}}', '{"spec":{"replicas":-5}}', '{"spec":{"selector":{"matchLabels":{"x":"y"}}}}', '{"kind":"Service"}', '{"apiVersion":"v2"}', '{"metadata":{"labels":{"a":{"b":1}}}}',
  '{"spec":' + '['.repeat(3000) + ']'.repeat(3000) + '}', '{"a":"' + 'x'.repeat(100_000) + '"}', '{"metadata":{"finalizers":["kubernetes.io/x"]}}', '{"metadata":{"deletionTimestamp":"2020-01-01T00:00:00Z"}}',
];
const PATCH_TYPES = ['json', 'merge', 'strategic', 'apply', 'JSON', '', 'xml'];
const LABEL_ARGS = ['app=web', 'app-', 'tier=fe', 'a=b', 'a==b', 'a=b=c', '=b', 'a', '-', 'a-b-', 'example.com/x=y', 'UPPER=ok', 'a=' + 'b'.repeat(64), 'é=1', 'a=b c', 'a=', 'kubernetes.io/x=y', '/=', 'a/b/c=d'];
const ROLLOUT_TARGETS = ['deployment/web', 'deploy/web', 'deployment web', 'ds/x', 'sts/x', 'rs/web', 'pod/solo', 'deployment/nope', 'deploy', 'web'];
const CONFIG_WORDS = ['--current', '--namespace=fuzz', '--namespace=kube-system', '--namespace=default', '--namespace=', '--namespace=nope', 'kubeplay', 'other', '--cluster=x'];
const FREE = ['-', '--', '---', '-x', '--x', '--=', '-=', '-o', '-n', '-l', '-f', '-A', '-it', '-oyaml', '-ojson', '-owide', '-nkube-system', '-lapp=web', '-Af', '--all', '--all-namespaces=false', '--help', '-h', '--v=9', '-v=9', '--namespace', '--namespace=', '--selector=', '--server=http://x', '--kubeconfig=/nope', '--context=nope', '--request-timeout=1s', '--request-timeout=abc', '--warnings-as-errors', '--', 'sh', 'ls', '/', 'date'];
const UNICODE = ['é', 'ü', 'ß', '名前', 'ポッド', '😀', '\u200b', '\u202e', '\ufeff', '\u0000', '\t', '\r', '\n', '\\', "'", '"', '`', '$', '%', '{', '}', '[', ']', '(', ')', '|', ';', '&', '*', '?', '~', '#'];

const FILES = ['m.yaml', 'm.json', 'dir', 'dir/', 'nope.yaml', '-', '/root/m.yaml', 'http://example.com/x.yaml', 'https://x', '', 'dir/sub', 'bad.yaml', 'empty.yaml', 'tpl.txt'];

export interface Scene {
  /** Names of objects that exist now (pods, deployments, ...), to aim at real targets. */
  names: string[];
}

function junk(r: Rng): string {
  let s = '';
  const n = 1 + r.int(12);
  for (let i = 0; i < n; i++) s += r.chance(0.5) ? r.pick(UNICODE) : String.fromCharCode(32 + r.int(95));
  return s;
}

function name(r: Rng, scene: Scene): string {
  const x = r.next();
  if (x < 0.45 && scene.names.length) return r.pick(scene.names);
  if (x < 0.8) return r.pick(NAME_BASE);
  if (x < 0.95) return r.pick(BAD_NAMES);
  return junk(r);
}

function typeWord(r: Rng): string {
  return r.chance(0.97) ? r.pick(TYPES) : junk(r);
}

function target(r: Rng, scene: Scene): string[] {
  switch (r.int(8)) {
    case 0:
      return [typeWord(r)];
    case 1:
    case 2:
      return [typeWord(r), name(r, scene)];
    case 3:
      return [`${typeWord(r)}/${name(r, scene)}`];
    case 4:
      return [`${typeWord(r)}/${name(r, scene)}`, `${typeWord(r)}/${name(r, scene)}`];
    case 5:
      return [typeWord(r), name(r, scene), name(r, scene)];
    case 6:
      return [name(r, scene)];
    default:
      return [];
  }
}

/** A value for a flag: usually right for its type and name, sometimes wrong. */
function flagValue(r: Rng, def: FlagDef, scene: Scene): string {
  if (r.chance(0.05)) return junk(r);
  if (r.chance(0.01)) return 'v'.repeat(10_000 + r.int(50_000));
  switch (def.name) {
    case 'output':
      return r.pick(OUTPUTS);
    case 'selector':
    case 'pod-selector':
      return r.pick(SELECTORS);
    case 'field-selector':
      return r.pick(FIELD_SELECTORS);
    case 'namespace':
      return r.pick(NAMESPACES);
    case 'filename':
    case 'patch-file':
      return r.pick(FILES);
    case 'template':
      return r.pick(OUTPUTS).replace(/^[a-z-]+=/, '');
    case 'dry-run':
      return r.pick(DRY_RUN);
    case 'cascade':
      return r.pick(CASCADE);
    case 'image':
      return r.pick(IMAGES);
    case 'patch':
      return r.pick(PATCHES);
    case 'type':
      return r.chance(0.5) ? r.pick(PATCH_TYPES) : r.pick(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'nodeport', 'Bogus', 'Opaque', 'kubernetes.io/tls']);
    case 'replicas':
    case 'current-replicas':
      // Valid sizes stay small: the fuzz is about input handling, not scaling thousands of pods.
      return r.pick(['0', '1', '2', '3', '-1', 'abc', '', '1.5', '2147483648', '99999999999999999999', '+1']);
    case 'port':
    case 'target-port':
    case 'node-port':
      return r.pick(['80', '8080', '0', '-1', '65535', '65536', 'http', 'abc', '', '80:8080', '30080', '99999', 'a'.repeat(20)]);
    case 'sort-by':
      return r.pick(['.metadata.name', '{.metadata.name}', '.status.containerStatuses[0].restartCount', '.spec.replicas', '.x', '', '{', '.items[', 'cpu', 'memory', '..', '.metadata.labels']);
    case 'for':
      return r.pick(['condition=Ready', 'condition=Available', 'delete', 'jsonpath={.status.phase}=Running', 'condition=', 'jsonpath=', 'jsonpath={.x', 'create', 'bogus', 'condition=Ready=false', '']);
    case 'revision':
    case 'to-revision':
      return r.pick(['0', '1', '2', '99', '-1', 'x']);
    case 'tail':
    case 'limit-bytes':
      return r.pick(['0', '1', '10', '-1', '-2', 'x', '99999999999']);
    case 'since':
      return r.pick(['1h', '5s', '0', '-1s', 'x', '']);
    case 'since-time':
      return r.pick(['2026-11-23T09:00:00Z', 'yesterday', '', '2026-13-45T99:99:99Z']);
    case 'from-literal':
      return r.pick(['a=b', 'a', '=b', 'a=', 'a=b=c', 'a b=c', '..=x', 'k'.repeat(300) + '=v']);
    case 'from-file':
    case 'from-env-file':
      return r.pick(['m.yaml', 'nope', 'key=m.yaml', 'dir', '=x', 'tpl.txt']);
    case 'env':
      return r.pick(['A=b', 'A', '=b', 'A=', '1A=b', 'A-=x']);
    case 'labels':
      return r.pick(['app=web', 'a=b,c=d', 'a', '=', 'a=b,', 'A_B=c']);
    case 'annotations':
      return r.pick(['a=b', 'a', '=x']);
    case 'restart':
      return r.pick(['Always', 'OnFailure', 'Never', 'never', 'x', '']);
    case 'tcp':
      return r.pick(['80:8080', '80', '80:', ':80', 'a:b', '0:0', '65536:1', '5678:8080,1234:80']);
    case 'container':
      return r.pick(['app', 'web', 'nope', '']);
    case 'for-cluster':
    case 'api-version':
      return r.pick(['v1', 'apps/v1', 'x/y', '', 'v2']);
    case 'validate':
      return r.pick(['strict', 'true', 'false', 'warn', 'ignore', 'x', '']);
    case 'overrides':
      return r.pick(['{"spec":{}}', '{', '', '[]', '{"apiVersion":"v1","spec":{"containers":[{"name":"x","image":"y"}]}}']);
    case 'subresource':
      return r.pick(['status', 'scale', 'log', 'x', '']);
    case 'grace-period':
      return r.pick(['0', '1', '-1', '30', 'x']);
    case 'chunk-size':
      return r.pick(['0', '1', '2', '500', '-1', 'x']);
    case 'resource-version':
      return r.pick(['1', '0', 'abc', '', '99999999']);
    case 'address':
      return r.pick(['127.0.0.1', 'localhost', '0.0.0.0', 'x', '']);
    case 'raw':
      return r.pick(['/api/v1/namespaces', '/version', '/nope', 'api', '', '/api/v1/namespaces/default/pods/../../..']);
    case 'verbs':
      return r.pick(['get', 'list', 'create,delete', 'x']);
    case 'api-group':
      return r.pick(['', 'apps', 'x']);
  }
  switch (def.type) {
    case 'bool':
      return r.pick(['true', 'false', 'TRUE', 't', '0', '1', 'yes', 'x', '']);
    case 'int':
      return r.pick(INT_VALUES);
    case 'duration':
      return r.pick(DURATIONS);
    default:
      return r.chance(0.5) ? name(r, scene) : r.pick(['', 'x', 'a=b', '-', '--']);
  }
}

function flagTokens(r: Rng, def: FlagDef, scene: Scene): string[] {
  const long = `--${def.name}`;
  const short = def.shorthand ? `-${def.shorthand}` : undefined;
  if (def.type === 'bool') {
    const v = r.int(6);
    if (v < 3) return [short && r.chance(0.4) ? short : long];
    if (v < 5) return [`${long}=${flagValue(r, def, scene)}`];
    return [long, flagValue(r, def, scene)];
  }
  const value = flagValue(r, def, scene);
  switch (r.int(6)) {
    case 0:
      return [`${long}=${value}`];
    case 1:
      return short ? [`${short}${value}`] : [long, value];
    case 2:
      return short ? [`${short}=${value}`] : [`${long}=${value}`];
    case 3:
      return short ? [short, value] : [long, value];
    case 4:
      // missing value at the end, or a flag-looking value
      return [r.chance(0.5) || !short ? long : short];
    default:
      return [long, value];
  }
}

/** Positional arguments that make sense for the command (most of the time). */
function positionals(r: Rng, words: string[], scene: Scene): string[] {
  const cmd = words.join(' ');
  switch (cmd) {
    case 'get':
    case 'describe':
    case 'delete':
    case 'edit':
    case 'wait':
    case 'explain':
      if (cmd === 'explain' && r.chance(0.6)) return [r.pick(['pods', 'pod.spec', 'deploy.spec.template.spec.containers', 'svc.spec.ports.port', 'pods.nope', 'pods.spec.containers[0]', 'deployments.apps.spec', 'pod..spec', 'ns.status', '.', 'x'])];
      return target(r, scene);
    case 'label':
    case 'annotate':
      return [...target(r, scene), ...Array.from({ length: r.int(3) }, () => r.pick(LABEL_ARGS))];
    case 'scale':
    case 'expose':
    case 'patch':
    case 'rollout status':
    case 'rollout history':
    case 'rollout undo':
    case 'rollout restart':
    case 'rollout pause':
    case 'rollout resume':
      return r.chance(0.5) ? r.pick(ROLLOUT_TARGETS).split(' ') : target(r, scene);
    case 'set image':
      return [...(r.chance(0.7) ? r.pick(ROLLOUT_TARGETS).split(' ') : target(r, scene)), ...Array.from({ length: r.int(3) }, () => r.pick(IMAGES))];
    case 'run':
    case 'create deployment':
    case 'create deploy':
    case 'create namespace':
    case 'create ns':
    case 'create configmap':
    case 'create cm':
    case 'create secret generic':
    case 'create service clusterip':
    case 'create service nodeport':
    case 'create service loadbalancer':
    case 'create service externalname':
      return [name(r, scene), ...(r.chance(0.2) ? [name(r, scene)] : []), ...(r.chance(0.15) ? ['--', ...r.pick([['sleep', '3600'], ['sh', '-c', 'echo hi'], ['false'], []])] : [])];
    case 'logs':
    case 'exec':
    case 'port-forward':
    case 'top pod':
    case 'top po':
    case 'top pods':
      return [
        ...(r.chance(0.7) ? [name(r, scene)] : target(r, scene)),
        ...(cmd === 'port-forward' ? [r.pick(['8080:80', '80', ':80', 'x', '99999:1', '8080:8080'])] : []),
        ...(cmd === 'exec' && r.chance(0.7) ? ['--', ...r.pick([['ls'], ['env'], ['cat', '/etc/resolv.conf'], ['sh'], ['curl', 'localhost:8080'], ['nope'], []])] : []),
      ];
    case 'cordon':
    case 'uncordon':
    case 'drain':
    case 'top node':
    case 'top no':
    case 'top nodes':
      return [r.pick(['node01', 'node02', 'controlplane', 'nope', '', 'minikube'])];
    case 'config set-context':
    case 'config use-context':
    case 'config use':
      return Array.from({ length: 1 + r.int(2) }, () => r.pick(CONFIG_WORDS));
    case 'auth can-i':
      return [r.pick(['get', 'create', '*', 'list', 'x']), r.pick(['pods', 'deployments', '*', 'foo', 'pods/log', '--list'])];
    default:
      return r.chance(0.3) ? target(r, scene) : [];
  }
}

/** A kubectl argv (without the word `kubectl`) from the grammar. */
export function grammarArgv(r: Rng, scene: Scene): string[] {
  const p = r.chance(0.5) ? r.pick(COMMON_PATHS) : r.pick(PATHS);
  const defs = [...(p.spec.flags ?? []), ...(r.chance(0.3) ? GLOBAL_FLAGS : [])];
  const parts: string[][] = [[...p.words], positionals(r, p.words, scene)];
  const nflags = r.int(4);
  for (let i = 0; i < nflags && defs.length; i++) parts.push(flagTokens(r, r.pick(defs.filter((d) => d.name !== 'help' || r.chance(0.1))), scene));
  if (r.chance(0.1)) parts.push([r.pick(FREE)]);
  // Flags may come before the command word (`kubectl -n x get pods`).
  if (r.chance(0.1) && parts.length > 2) {
    const moved = parts.splice(2, 1)[0];
    parts.unshift(moved);
  }
  // watch/follow flags make a command wait; the harness interrupts it, as a learner's Ctrl-C.
  return parts.flat();
}

/** Token-level mutations: drop, duplicate, swap, splice from another line, break a token. */
export function mutateArgv(r: Rng, argv: string[], scene: Scene): string[] {
  const a = [...argv];
  const edits = 1 + r.int(3);
  for (let e = 0; e < edits; e++) {
    const i = r.int(a.length + 1);
    switch (r.int(9)) {
      case 0:
        a.splice(i, 1);
        break;
      case 1:
        if (a[i] !== undefined) a.splice(i, 0, a[i]);
        break;
      case 2: {
        const j = r.int(a.length);
        if (a[i] !== undefined) [a[i], a[j]] = [a[j], a[i]];
        break;
      }
      case 3:
        a.splice(i, 0, ...grammarArgv(r, scene).slice(r.int(3)));
        break;
      case 4:
        if (a[i] !== undefined) a[i] = a[i].slice(0, r.int(a[i].length + 1));
        break;
      case 5:
        if (a[i] !== undefined) {
          const at = r.int(a[i].length + 1);
          a[i] = a[i].slice(0, at) + r.pick(UNICODE) + a[i].slice(at);
        }
        break;
      case 6:
        a.splice(i, 0, r.pick(FREE));
        break;
      case 7:
        if (a[i] !== undefined) a[i] = a[i].toUpperCase();
        break;
      default:
        a.splice(i, 0, junk(r));
    }
  }
  return a;
}

/** A command line for the shell: quoted argv, then character mutations (broken quotes...). */
export function shellLine(r: Rng, argv: string[]): string {
  const q = (s: string) => (/^[A-Za-z0-9_./:=,@%+-]+$/.test(s) ? s : r.chance(0.7) ? `'${s.replace(/'/g, `'\\''`)}'` : `"${s.replace(/(["\\$`])/g, '\\$1')}"`);
  let line = (r.chance(0.15) ? 'k ' : 'kubectl ') + argv.map(q).join(' ');
  if (r.chance(0.15)) line += r.pick([' | head -3', ' | grep -c a', ' | wc -l', ' > out.txt', ' 2>&1 | tail -1', ' && echo ok', ' || echo failed $?', '; echo $?', ' | kubectl apply -f -', ' &']);
  if (r.chance(0.25)) {
    const at = r.int(line.length + 1);
    switch (r.int(5)) {
      case 0:
        line = line.slice(0, at);
        break;
      case 1:
        line = line.slice(0, at) + r.pick(["'", '"', '`', '$(', '${', '\\', '(', '{{']) + line.slice(at);
        break;
      case 2:
        line = line.slice(0, at) + line.slice(at + 1 + r.int(4));
        break;
      case 3:
        line = line.slice(0, at) + r.pick(UNICODE) + line.slice(at);
        break;
      default:
        line = line.slice(0, at) + ' $(kubectl get pods -o name) ' + line.slice(at);
    }
  }
  return line;
}

// ---------------------------------------------------------------------------------------------
// Manifests

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const MANIFEST_NAMES = ['m1', 'm2', 'web', 'solo', 'db', 'fuzz-app'];

function baseObject(r: Rng): Json {
  const name = r.pick(MANIFEST_NAMES);
  const labels = { app: name, tier: r.pick(['fe', 'be']) };
  switch (r.int(10)) {
    case 0:
    case 1:
      return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'app', image: r.pick(['nginx:1.27', 'busybox:1.36', 'nginx']), ports: [{ containerPort: 80 }], command: r.chance(0.3) ? ['sleep', '3600'] : undefined as never, env: [{ name: 'A', value: 'b' }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } };
    case 2:
    case 3:
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, labels },
        spec: { replicas: r.pick([1, 2, 3]), selector: { matchLabels: { app: name } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] }] } } },
      };
    case 4:
    case 5:
      return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec: { type: r.pick(['ClusterIP', 'NodePort', 'LoadBalancer']), selector: { app: name }, ports: [{ port: 80, targetPort: r.pick([80, 'http', 8080]), protocol: 'TCP', name: 'http' }] } };
    case 6:
      return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { color: 'blue', 'app.properties': 'a=b\nc=d\n' } };
    case 7:
      return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data: { pass: 'c2VjcmV0' }, stringData: { user: 'admin' } };
    case 8:
      return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: r.pick(['fuzz', 'fuzz2', 'default', 'kube-system']) } };
    default:
      return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, labels }, spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
  }
}

function deep(depth: number, leaf: Json, asArray: boolean): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

function wrongValue(r: Rng): Json {
  return r.pick<() => Json>([
    () => null,
    () => true,
    () => 0,
    () => -1,
    () => 1.5,
    () => 2 ** 31,
    () => 1e308,
    () => '',
    () => 'x',
    () => 'nginx',
    () => [],
    () => [1, 'a', null],
    () => ({}),
    () => ({ unknownField: 1 }),
    () => 'é'.repeat(10),
    () => 'x'.repeat(r.chance(0.5) ? 300 : 300_000),
    () => deep(r.pick([50, 500, 2000]), 'leaf', r.chance(0.5)),
    () => ({ $patch: 'delete' }),
    () => '${HOME}',
    () => '0x1F',
    () => '100Gi',
    () => '-1m',
  ])();
}

/** Paths into an object tree (objects and arrays). */
function allPaths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (v && typeof v === 'object' && prefix.length < 12) {
    if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...prefix, i], out));
    else for (const [k, x] of Object.entries(v)) allPaths(x, [...prefix, k], out);
  }
  return out;
}

function getAt(v: Json, path: (string | number)[]): Json {
  let cur: Json = v;
  for (const k of path) cur = (cur as Record<string | number, Json>)?.[k as string] ?? null;
  return cur;
}

const UNKNOWN_KEYS = ['foo', 'spec', 'metadata', 'status', 'replicas', 'containers', 'image', 'kind', 'apiVersion', 'Name', 'name ', '', 'é', '$patch', 'x-'.repeat(50), '__proto__', 'constructor', 'toString', 'hasOwnProperty'];

function mutateObject(r: Rng, obj: Json): Json {
  const o = JSON.parse(JSON.stringify(obj)) as Json;
  const edits = r.int(4);
  for (let e = 0; e < edits; e++) {
    const ps = allPaths(o).filter((p) => p.length > 0);
    if (!ps.length) break;
    const p = r.pick(ps);
    const parent = getAt(o, p.slice(0, -1)) as Record<string | number, Json>;
    if (!parent || typeof parent !== 'object') continue;
    const key = p[p.length - 1];
    switch (r.int(6)) {
      case 0:
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case 1:
      case 2:
        parent[key] = wrongValue(r);
        break;
      case 3:
        if (!Array.isArray(parent)) Object.defineProperty(parent, r.pick(UNKNOWN_KEYS), { value: wrongValue(r), enumerable: true, writable: true, configurable: true });
        else parent.push(wrongValue(r));
        break;
      case 4: {
        const top = o as Record<string, Json>;
        const which = r.pick(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.generateName', 'metadata.resourceVersion', 'metadata.uid']);
        const v = r.pick<Json>(['v1', 'apps/v1', 'v2', 'apps/v2', 'extensions/v1beta1', 'Pod', 'Deployment', 'Service', 'Foo', 'pod', 'List', '', 'fuzz', 'nope', 'default', 'kube-system', 'web-', 'BAD_NAME', 'x'.repeat(300), 'abc', '1', null, 5]);
        if (which.startsWith('metadata.')) {
          if (top.metadata && typeof top.metadata === 'object' && !Array.isArray(top.metadata)) (top.metadata as Record<string, Json>)[which.slice(9)] = v;
        } else top[which] = v;
        break;
      }
      default: {
        // swap two siblings' values
        const q = r.pick(ps);
        const other = getAt(o, q);
        parent[key] = JSON.parse(JSON.stringify(other));
      }
    }
  }
  return o;
}

function textMutate(r: Rng, text: string): string {
  let s = text;
  const edits = 1 + r.int(3);
  for (let e = 0; e < edits; e++) {
    const at = r.int(s.length + 1);
    const lines = s.split('\n');
    const li = r.int(lines.length);
    switch (r.int(12)) {
      case 0:
        s = s.slice(0, at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + r.int(6));
        break;
      case 2:
        s = s.slice(0, at) + r.pick(['\t', ':', ': ', '- ', '{', '}', '[', ']', '"', "'", '#', '&a ', '*a', '!!binary ', '? ', '|', '>', '%YAML 1.2\n', '---\n', '...\n', '\u0000', '\ufeff', 'é', '\r\n', '@', '`']) + s.slice(at);
        break;
      case 3:
        lines[li] = '  ' + lines[li];
        s = lines.join('\n');
        break;
      case 4:
        lines[li] = lines[li].replace(/^ +/, '');
        s = lines.join('\n');
        break;
      case 5:
        lines.splice(li, 0, lines[li]);
        s = lines.join('\n');
        break;
      case 6:
        lines.splice(li, 1);
        s = lines.join('\n');
        break;
      case 7:
        lines[li] = lines[li].replace(/^(\s*)/, '$1\t');
        s = lines.join('\n');
        break;
      case 8:
        s = s.replace(/: /, ':');
        break;
      case 9:
        lines[li] = lines[li] + ' ' + r.pick(['# c', 'x', ': y', '- z', '{a: b}', '&anchor', '*anchor', '<<: *a']);
        s = lines.join('\n');
        break;
      case 10: {
        const j = r.int(lines.length);
        [lines[li], lines[j]] = [lines[j], lines[li]];
        s = lines.join('\n');
        break;
      }
      default:
        s = s + '\n' + r.pick(['---', '--- ', '---\n', 'kind: Pod', '- a', '{', '...', '---\nnull', '---\n42', '---\n[]', '---\n"str"']);
    }
  }
  return s;
}

/** Classic YAML and JSON abuses, whole documents. */
const SPECIAL_DOCS = [
  '', ' ', '\n\n', '---', '---\n---\n', '...', 'null', '~', '42', '"str"', '[]', '[1,2]', '{}', '{', '}', '[', 'a: b: c', 'key: [unclosed', 'key: {unclosed', '\tkind: Pod', ':', '- - -', '? ? ?',
  'apiVersion: v1', 'kind: Pod', 'apiVersion: v1\nkind: Pod', 'apiVersion: v1\nkind: Pod\nmetadata: {}', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n', 'apiVersion: v1\nkind: Pod\nmetadata: []\n',
  'apiVersion: v1\nkind: List\nitems: []', 'apiVersion: v1\nkind: List\nitems: [null, 1, "x", [], {}]', 'apiVersion: v1\nkind: List\nitems: {}', 'apiVersion: v1\nkind: List\nitems:\n- kind: List\n  apiVersion: v1\n  items: [{}]',
  'apiVersion: v1\nkind: PodList\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: from-list}\n  spec: {containers: [{name: a, image: nginx}]}',
  'a: &a [*a]', 'a: &a\n  b: *a', 'a: &x 1\nb: *y', 'x: !!python/object:os.system ls', '!!binary AAAA', 'x: !!int abc', 'x: !!map []', '%YAML 9.9\n---\na: 1', '%TAG ! tag:x,2000:\n---\na: 1',
  'a: 1\na: 2', '? [a, b]\n: c', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j1"},"spec":{"containers":[{"name":"a","image":"nginx"}]}}', '{"apiVersion":"v1","kind":"Pod"', '{"a":1}{"b":2}',
  '[{"apiVersion":"v1","kind":"Pod"}]', '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"jl"}}]}', '{"__proto__":{"polluted":1},"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"proto"}}',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-big\ndata:\n  k: ' + 'x'.repeat(2_000_000), '[' .repeat(20_000) + ']'.repeat(20_000), '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000), '- '.repeat(2000) + 'x',
  'a:\n' + Array.from({ length: 200 }, (_, i) => ' '.repeat(i + 2) + 'b:').join('\n'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: ' + 'b'.repeat(70), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ' + 'p'.repeat(300),
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: yes\nspec:\n  containers:\n  - name: on\n    image: off', 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\n', '\ufeffapiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bom\n',
  'lol: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
];

/** A manifest text: mutated objects as YAML or JSON, multi-doc streams, Lists, special cases. */
export function manifestText(r: Rng): string {
  if (r.chance(0.08)) return r.pick(SPECIAL_DOCS);
  const n = r.chance(0.75) ? 1 : 2 + r.int(3);
  const objs: Json[] = [];
  for (let i = 0; i < n; i++) {
    const base = baseObject(r);
    objs.push(r.chance(0.6) ? mutateObject(r, base) : base);
  }
  const asList = r.chance(0.1);
  const docs: Json[] = asList ? [{ apiVersion: 'v1', kind: r.pick(['List', 'PodList', 'List']), metadata: {}, items: objs } as Json] : objs;
  let text: string;
  if (r.chance(0.25)) {
    text = docs.length === 1 || r.chance(0.5) ? JSON.stringify(docs.length === 1 ? docs[0] : { apiVersion: 'v1', kind: 'List', items: docs }, null, r.chance(0.5) ? 2 : 0) : docs.map((d) => JSON.stringify(d)).join('\n');
  } else {
    // The yaml package's own emitter now and then (its quoting choices), a quick one otherwise.
    const yamlOf = (d: Json) => {
      if (r.chance(0.9)) return blockYaml(d);
      try {
        return stringify(d, { lineWidth: 0 });
      } catch {
        return JSON.stringify(d) + '\n';
      }
    };
    text = docs.map(yamlOf).join(r.pick(['---\n', '---\n', '\n---\n', '--- \n']));
  }
  return r.chance(0.35) ? textMutate(r, text) : text;
}

/** A command that reads manifests: create/apply/delete/replace/get/describe -f FILE or -f -. */
export function manifestArgv(r: Rng, file: string): string[] {
  const verb = r.pick([['create'], ['create'], ['apply'], ['apply'], ['apply'], ['delete'], ['replace'], ['get'], ['describe'], ['create', '--save-config'], ['apply', '--server-side'], ['apply', '--dry-run=client', '-o', 'yaml'], ['create', '--dry-run=server'], ['apply', '--validate=false'], ['create', '-o', 'name'], ['apply', '-o', 'jsonpath={.metadata.name}'], ['delete', '--now'], ['set', 'image', '--local', '-o', 'yaml', 'app=nginx:1.28'], ['label', '--local', '-o', 'yaml', 'a=b'], ['rollout', 'status'], ['scale', '--replicas=2'], ['expose', '--port=80']]);
  const extra = r.chance(0.2) ? [r.pick(['-n', '--namespace']), r.pick(['default', 'fuzz', 'kube-system', 'nope', ''])] : [];
  return [...verb, '-f', file, ...extra];
}

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function scalarYaml(v: Json): string {
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

/** Block-style YAML, fast; below a few levels (deep nesting) values go out in JSON flow style. */
export function blockYaml(v: Json, depth = 0): string {
  const pad = '  '.repeat(depth);
  const out: string[] = [];
  const nested = (x: Json, d: number): string | undefined => {
    if (x === null || typeof x !== 'object') return ' ' + scalarYaml(x);
    if (Array.isArray(x) ? x.length === 0 : Object.keys(x).length === 0) return Array.isArray(x) ? ' []' : ' {}';
    if (d > 12) return ' ' + JSON.stringify(x);
    return undefined;
  };
  if (Array.isArray(v)) {
    for (const x of v) {
      const inline = nested(x, depth);
      if (inline !== undefined) out.push(`${pad}-${inline}`);
      else out.push(`${pad}- ${blockYaml(x, depth + 1).replace(/\n$/, '').slice(pad.length + 2)}`);
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const key = scalarYaml(k);
      const inline = nested(x, depth);
      if (inline !== undefined) out.push(`${pad}${key}:${inline}`);
      else out.push(`${pad}${key}:\n${blockYaml(x, depth + 1).replace(/\n$/, '')}`);
    }
  } else out.push(pad + scalarYaml(v));
  return out.join('\n') + '\n';
}
