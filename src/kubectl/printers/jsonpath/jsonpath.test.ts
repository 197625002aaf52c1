import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crashy, goldenPodList } from '../testdata/fixtures';
import { GOLDEN, hasGolden, hasKubectl, kubectlPrint } from '../testdata/oracle';
import { executeJsonPath, jsonPathExecErrorMessage, jsonPathParseErrorMessage, JsonPathParseError, parseJsonPath } from './index';

const run = (t: string, data: unknown, outputJson = false) => executeJsonPath(parseJsonPath(t), data, { allowMissingKeys: true, outputJson });

/** What kubectl prints (stdout + `error: ...` on stderr) for one object, as one string. */
function emulate(t: string, obj: unknown, outputJson = false): string {
  try {
    return run(t, obj, outputJson);
  } catch (e) {
    if (e instanceof JsonPathParseError) return 'ERR:error: ' + jsonPathParseErrorMessage(t, e) + '\n';
    return 'ERR:error: ' + jsonPathExecErrorMessage(t, e as Error, obj) + '\n';
  }
}

const pod = hasGolden ? crashy() : {};

describe.skipIf(!hasGolden)('jsonpath: golden', () => {
  it('get pods -o jsonpath range over items', () => {
    const t = '{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\t"}{.status.podIP}{"\\n"}{end}';
    expect(run(t, goldenPodList())).toBe(readFileSync(`${GOLDEN}/out/get-pods-jsonpath.stdout`, 'utf8'));
  });
});

describe.skipIf(!hasGolden)('jsonpath: fixed expectations', () => {
  const cases: [string, string][] = [
    ['{.metadata.name}', 'crashy'],
    ['{.spec.containers[*].name}{"\\n"}', 'crashy\n'],
    ['{.status.conditions[?(@.type=="Ready")].status}', 'False'],
    ['{.status.conditions[?(@.status!="True")].type}', 'Ready ContainersReady'],
    ['{.spec.tolerations[?(@.tolerationSeconds>=300)].key}', 'node.kubernetes.io/not-ready node.kubernetes.io/unreachable'],
    ['{..fieldPath}', 'metadata.namespace'],
    ['{.metadata.labels}', '{"run":"crashy"}'],
    ['{.spec.containers[0].command}', '["sh","-c","exit 1"]'],
    ['{.spec.containers[0].command[-1]}', 'exit 1'],
    ['{.spec.containers[0].command[0:2]}', 'sh -c'],
    ['{.spec.containers[0].command[0,2]}', 'sh exit 1'],
    ["{.metadata['name','namespace']}", 'crashy default'],
    ['{.metadata.name}{.metadata.nothing}{"x"}', 'crashyx'],
    ['{range .status.conditions[*]}[{.type}={.status}]{end}', '[PodReadyToStartContainers=True][Initialized=True][Ready=False][ContainersReady=False][PodScheduled=True]'],
    ['{.status.conditions[0].lastProbeTime}', 'null'],
    ['{.metadata.labels.run}', 'crashy'],
    ['{range .spec.nope[*]}x{end}y', 'y'],
    ['{.metadata.name.*}', '99 114 97 115 104 121'],
    ['text only', 'text only'],
  ];
  for (const [t, want] of cases) it(t, () => expect(run(t, pod)).toBe(want));

  it('quoted keys with dots', () => {
    expect(run('{.metadata.labels.app\\.kubernetes\\.io/name}', { metadata: { labels: { 'app.kubernetes.io/name': 'web' } } })).toBe('web');
  });
  it('jsonpath-as-json', () => {
    expect(run('{.spec.containers[*].name}', pod, true)).toBe('[\n    "crashy"\n]\n');
  });
  it('parse errors carry kubectl texts', () => {
    expect(emulate('{.items[*].metadata.name', pod)).toBe('ERR:error: error parsing jsonpath {.items[*].metadata.name, unclosed action\n');
    expect(emulate('{#}', pod)).toBe("ERR:error: error parsing jsonpath {#}, unrecognized character in action: U+0023 '#'\n");
  });
  it('execution errors carry kubectl texts', () => {
    expect(emulate('{.a[1]}', { a: [1] })).toBe(
      'ERR:error: error executing jsonpath "{.a[1]}": Error executing template: array index out of bounds: index 1, length 1. ' +
        'Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.a[1]}\n\tobject given to jsonpath engine was:\n' +
        '\t\tmap[string]interface {}{"a":[]interface {}{1}}\n\n\n',
    );
  });
});

// Templates compared with the real kubectl over the crashy pod (map iteration order in Go is
// random, so none of these walks a map with several keys with `*` or `..`).
const ORACLE_TEMPLATES = [
  '{.metadata.name}', '{.spec.containers[*].name}{"\\n"}', '{range .spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}',
  '{.status.conditions[?(@.type=="Ready")].status}', '{.spec.tolerations[?(@.tolerationSeconds>1.5)].key}',
  '{.spec.tolerations[?(@.tolerationSeconds==300.0)].key}', '{.spec.tolerations[?(@.key)].effect}', // not {..image}: kubectl walks maps in Go's random order
  '{.spec.containers[0].command[::2]}', '{.spec.containers[0].command[5]}', '{.status.containerStatuses[0].restartCount}',
  '{.status.containerStatuses[0].ready}', '{range .spec.volumes[*]}{range .projected.sources[*]}{.configMap.name}{end}{end}',
  '{$.metadata.name}', '{@.metadata.name}', '{.spec.containers[?(@.name=~"^cr")].name}', '{.spec.nope[*]}',
  '{.status.conditions[?(@.lastProbeTime==null)].type}', '{.metadata.name', '{.spec[0]}', '{end}', '{foo}',
  '{.spec.containers[?(@.name=="x"}', '{.spec.containers[x]}', '{.spec.containers[0].resources}',
  '{.spec.containers[0].command[2:1]}', '{.spec.containers[0].command[1:1]}', '{"a"}{\'b\'}{"\\u00e9\\x41"}',
  '{.status.conditions[?(@.status=="False")]}', '{.status.containerStatuses[?(@.name<"d")].name}',
  '{.status.containerStatuses[?(@.ready<true)].name}', '{range .status.conditions[*]}{.type}{"\\n"}{end}{.metadata.name}',
  '{range .spec.containers[*]}{range .command[*]}<{@}>{end};{end}', '{ .metadata.name }', '{.spec.containers[0].command[0:3:0]}',
  '{range .spec.containers[*]}{.name}', '{.a}{end}', '{.spec.containers[*]..name}', '{.spec.containers[].name}',
];

describe.skipIf(!hasKubectl || !hasGolden)('jsonpath against the real kubectl', () => {
  for (const t of ORACLE_TEMPLATES) {
    for (const asJson of [false, true]) {
      it(`${asJson ? 'jsonpath-as-json' : 'jsonpath'}=${t}`, () => {
        const r = kubectlPrint(pod, (asJson ? 'jsonpath-as-json=' : 'jsonpath=') + t);
        const want = r.stdout + (r.status ? 'ERR:' + r.stderr : '');
        expect(emulate(t, pod, asJson)).toBe(want);
      });
    }
  }
});
