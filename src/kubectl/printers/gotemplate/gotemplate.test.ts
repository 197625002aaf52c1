import { describe, expect, it } from 'vitest';
import { crashy, goldenPodList } from '../testdata/fixtures';
import { hasGolden, hasKubectl, kubectlPrint } from '../testdata/oracle';
import { execute, parseTemplate, printGoTemplate } from './index';

const run = (t: string, data: unknown) => execute(parseTemplate(t), data);

/** stdout + `ERR:error: ...` the way the oracle helper reports kubectl. */
function emulate(t: string, data: unknown): string {
  const r = printGoTemplate(t, data);
  return r.stdout + (r.error ? 'ERR:error: ' + r.error + '\n' : '');
}

const pod = hasGolden ? crashy() : {};

describe('go-template: the bootcamp', () => {
  it.skipIf(!hasGolden)('POD_NAME from {{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', () => {
    expect(run('{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', goldenPodList())).toBe(
      'crashy\nweb-7c5ddbdf54-2xkqn\nweb-7c5ddbdf54-8mz4p\n',
    );
  });
  it('NODE_PORT from {{(index .spec.ports 0).nodePort}}', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', spec: { type: 'NodePort', ports: [{ port: 8080, nodePort: 30080 }] } };
    expect(run('{{(index .spec.ports 0).nodePort}}', svc)).toBe('30080');
  });
});

describe('go-template: semantics', () => {
  const data = {
    metadata: { name: 'x', labels: { app: 'web', tier: 'fe' }, nil: null },
    spec: { replicas: 3, ratio: 0.5, big: 1500000.5, list: ['a', 'b'], empty: [] },
  };
  const cases: [string, string][] = [
    ['{{.metadata.name}}', 'x'],
    ['{{.nope}}', '<no value>'],
    ['{{.nope.deeper}}', '<no value>'],
    ['{{.metadata.nil}}', '<no value>'],
    ['{{index .metadata.labels "nope"}}', '<no value>'],
    ['{{.metadata.labels}}', 'map[app:web tier:fe]'],
    ['{{.spec.list}}', '[a b]'],
    ['{{.spec.big}}', '1.5000005e+06'],
    ['{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}', 'app=web;tier=fe;'],
    ['{{range $i, $e := .spec.list}}{{$i}}{{$e}}{{end}}', '0a1b'],
    ['{{range .spec.empty}}x{{else}}none{{end}}', 'none'],
    ['{{if gt .spec.replicas 2}}many{{else if eq .spec.replicas 1}}one{{else}}few{{end}}', 'many'],
    ['{{with .metadata.labels.app}}{{.}}{{end}}', 'web'],
    ['{{with .nope}}a{{else}}b{{end}}', 'b'],
    ['{{printf "%s=%d %v %q %5.2f|%-4s|" .metadata.name .spec.replicas .spec.ratio "q" 3.14159 "ab"}}', 'x=3 0.5 "q"  3.14|ab  |'],
    ['{{printf "%d" .metadata.name}}', '%!d(string=x)'],
    ['{{len .spec.list}} {{len .metadata.name}} {{len .metadata.labels}}', '2 1 2'],
    ['{{and .metadata.name .nope}}|{{or .nope .metadata.name}}|{{not .nope}}', '<no value>|x|true'],
    ['{{$n := .metadata.name}}{{$n}}/{{$.metadata.name}}', 'x/x'],
    ['{{.metadata.name | printf "%q"}}', '"x"'],
    ['{{- " a " -}}  {{- "b" }}', ' a b'],
    ['a {{- /* c */ -}} b', 'ab'],
    ['{{print 1 2 "a" 3}}', '1 2a3'],
    ['{{1.5}} {{1e3}} {{0x10}} {{\'a\'}} {{-3}}', '1.5 1000 16 97 -3'],
    ['{{slice .metadata.name 0 1}}', 'x'],
    ['{{exists . "metadata" "name"}} {{exists . "nope"}}', 'true false'],
    ['{{base64decode "aGVsbG8="}}', 'hello'],
    ['{{template "t" .metadata}}{{define "t"}}[{{.name}}]{{end}}', '[x]'],
    ['{{range .spec.list}}{{if eq . "b"}}{{break}}{{end}}{{.}}{{end}}', 'a'],
  ];
  for (const [t, want] of cases) it(t, () => expect(run(t, data)).toBe(want));

  it('parse errors use Go texts', () => {
    expect(printGoTemplate('{{foo .x}}', data).error).toBe('error parsing template {{foo .x}}, template: output:1: function "foo" not defined');
    expect(printGoTemplate('{{.metadata.name', data).error).toBe('error parsing template {{.metadata.name, template: output:1: unclosed action');
    expect(printGoTemplate('{{end}}', data).error).toBe('error parsing template {{end}}, template: output:1: unexpected {{end}}');
    expect(printGoTemplate('{{range .a}}', data).error).toBe('error parsing template {{range .a}}, template: output:1: unexpected EOF');
  });
  it('execution errors use Go texts and print the debugging block', () => {
    const r = printGoTemplate('x{{.metadata.name.z}}', { metadata: { name: 'a' } });
    expect(r.error).toBe(
      'error executing template "x{{.metadata.name.z}}": template: output:1:12: executing "output" at <.metadata.name.z>: can\'t evaluate field z in type interface {}',
    );
    expect(r.stdout).toBe(
      'xError executing template: template: output:1:12: executing "output" at <.metadata.name.z>: can\'t evaluate field z in type interface {}. ' +
        'Printing more information for debugging the template:\n\ttemplate was:\n\t\tx{{.metadata.name.z}}\n' +
        '\traw data was:\n\t\t{"metadata":{"name":"a"}}\n\tobject given to template engine was:\n\t\tmap[metadata:map[name:a]]\n\n',
    );
  });
});

const ORACLE_TEMPLATES = [
  '{{.metadata.name}}', '{{range .spec.containers}}{{.name}}{{"\\n"}}{{end}}', '{{(index .spec.containers 0).image}}',
  '{{index .metadata.labels "run"}}', '{{index .metadata.labels "nope"}}', '{{.nope}}', '{{.nope.deeper}}', '{{.status.conditions}}',
  '{{.metadata.labels}}', '{{.spec.priority}} {{.spec.containers}}',
  '{{printf "%s-%d-%v-%q" .metadata.name .spec.priority .spec.enableServiceLinks .metadata.name}}', '{{printf "%d" .metadata.name}}',
  '{{printf "%5s|%-5s|%05d" "a" "b" 42}}', '{{printf "%s"}}', '{{printf "%s" "a" "b"}}', '{{len .spec.containers}} {{len .metadata.name}}',
  '{{if eq .status.phase "Running"}}yes{{else}}no{{end}}',
  '{{if eq .status.phase "Pending"}}p{{else if eq .status.phase "Running"}}r{{else}}x{{end}}', '{{with .status.podIP}}ip={{.}}{{end}}',
  '{{with .nope}}x{{else}}none{{end}}', '{{range $i, $c := .status.conditions}}{{$i}}:{{$c.type}} {{end}}',
  '{{range .status.conditions}}{{if eq .status "True"}}{{.type}},{{end}}{{end}}', '{{- range .spec.containers }} {{ .name }} {{- end }}',
  '{{$n := .metadata.name}}{{$n}}/{{$.kind}}', '{{.metadata.name | printf "%q"}}', '{{and .metadata.name .nope}}|{{or .nope .metadata.name}}|{{not .nope}}',
  '{{lt 1 2}} {{gt .spec.priority 0}} {{le 1.5 2.5}} {{ne "a" "b"}}', '{{eq .spec.priority 0.0}}', '{{eq .nope "x"}}', '{{len .nope}}',
  '{{.metadata.name.foo}}', '{{.status.conditions.foo}}', '{{index .spec.containers 5}}', '{{foo .x}}', '{{.metadata.name', '{{end}}',
  '{{if}}x{{end}}', '{{range .spec.containers}}{{.name}}', '{{ .metadata.name }} {{/* a comment */}} end', '{{print 1 2 "a" 3 .spec.priority}}',
  '{{println "a" 1}}', '{{1.5}} {{1e3}} {{0x10}} {{\'a\'}} {{-3}}',
  '{{printf "%.2f %e %g %x %X %o %t %c %v" 3.14159 1234.5 0.000012 255 255 8 true 65 nil}}',
  '{{range .spec.tolerations}}{{.key}}={{.tolerationSeconds}};{{end}}', '{{range $k, $v := .metadata.labels}}{{$k}}={{$v}}{{end}}',
  '{{exists . "metadata" "name"}} {{exists . "nope"}}', '{{base64decode "aGVsbG8="}}', '{{base64decode "!!"}}', '{{.status.conditions | len}}',
  '{{slice .metadata.name 1 3}}', '{{html "<a&b>"}} {{js "a\'b<"}} {{urlquery "a b&c"}}',
  '{{range .spec.containers}}{{range .command}}[{{.}}]{{end}}{{end}}', '{{range .nope}}x{{else}}empty{{end}}',
  '{{template "x" .}}{{define "x"}}T:{{.kind}}{{end}}', '{{.spec.containers.name}}', '{{$x := 1}}{{$x = 2}}{{$x}}',
  '{{range .spec.containers}}{{break}}{{end}}ok', '{{printf "%v %v" .spec.containers .status.hostIPs}}', 'x{{.metadata.name.z}}',
];

describe.skipIf(!hasKubectl || !hasGolden)('go-template against the real kubectl', () => {
  for (const t of ORACLE_TEMPLATES) {
    it(t, () => {
      const r = kubectlPrint(pod, 'go-template=' + t);
      expect(emulate(t, pod)).toBe(r.stdout + (r.status ? 'ERR:' + r.stderr : ''));
    });
  }
});
