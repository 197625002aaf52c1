import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson } from './json';
import { MANIFESTS } from './testdata/manifests';
import { GOLDEN, hasGolden, hasKubectl, kubectlPrint } from './testdata/oracle';
import { toYaml, yamlSortKeys } from './yaml';

const expected = (f: string) => readFileSync(join(__dirname, 'testdata/expected', f), 'utf8');

describe('toYaml: golden outputs of kubectl v1.32', () => {
  it.skipIf(!hasGolden)('get pod crashy -o yaml', () => {
    const pods = JSON.parse(readFileSync(`${GOLDEN}/fixtures/state/20-pods.json`, 'utf8')).items;
    const crashy = pods.find((p: { metadata: { name: string } }) => p.metadata.name === 'crashy');
    expect(toYaml(crashy)).toBe(readFileSync(`${GOLDEN}/out/get-pod-yaml.stdout`, 'utf8'));
  });
  it.skipIf(!hasGolden)('get deployment web -o yaml', () => {
    const dep = JSON.parse(readFileSync(`${GOLDEN}/fixtures/state/10-deployment.json`, 'utf8'));
    const web = dep.items ? dep.items[0] : dep;
    expect(toYaml(web)).toBe(readFileSync(`${GOLDEN}/out/get-deploy-yaml.stdout`, 'utf8'));
  });
});

describe('toYaml/toJson: committed expectations (captured from kubectl v1.32)', () => {
  for (const name of ['quoting', 'multiline', 'long', 'keys', 'numbers']) {
    it(`${name} -o yaml`, () => expect(toYaml(MANIFESTS[name])).toBe(expected(`${name}.yaml`)));
    it(`${name} -o json`, () => expect(toJson(MANIFESTS[name])).toBe(expected(`${name}.json`)));
  }
});

describe('toYaml: details', () => {
  it('quotes what would read back as another type', () => {
    expect(toYaml({ a: 'true', b: '123', c: '2015-06-01T10:01:00Z', d: 'hello', e: '' })).toBe(
      'a: "true"\nb: "123"\nc: "2015-06-01T10:01:00Z"\nd: hello\ne: ""\n',
    );
  });
  it("single-quotes indicators and ': '", () => {
    expect(toYaml({ m: 'containers with unready status: [crashy]', s: '*x' })).toBe(
      "m: 'containers with unready status: [crashy]'\ns: '*x'\n",
    );
  });
  it('literal blocks with chomping and indentation hints', () => {
    expect(toYaml({ a: 'x\ny\n', b: 'x\ny', c: 'x\n\n', d: '\nx' })).toBe(
      'a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\nd: |2-\n\n  x\n',
    );
  });
  it('sequences are not indented under a key; empty collections are flow', () => {
    expect(toYaml({ l: [{ a: 1, b: [1, 2] }, [3]], e: {}, f: [] })).toBe(
      'e: {}\nf: []\nl:\n- a: 1\n  b:\n  - 1\n  - 2\n- - 3\n',
    );
  });
  it('folds long plain scalars after column 80', () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    expect(toYaml({ k: words })).toBe(
      'k: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n  word13 word14 word15 word16 word17 word18 word19\n',
    );
  });
  it("sorts keys the way go-yaml v2 does (numbers by value, letters first)", () => {
    expect(yamlSortKeys(['a10', 'a9', 'b', '_x', '10', '2', 'A'])).toEqual(['_x', '2', '10', 'A', 'a9', 'a10', 'b']);
  });
  it('numbers: ints as ints, floats with %g', () => {
    expect(toYaml({ a: 1000000, b: 1500000.5, c: 1e-7, d: 1e21, e: 0.5 })).toBe('a: 1000000\nb: 1.5000005e+06\nc: 1e-07\nd: 1e+21\ne: 0.5\n');
  });
});

describe('toJson: details', () => {
  it('escapes like Go (HTML-safe) and indents with 4 spaces', () => {
    expect(toJson({ b: '<a&b>\u2028', a: [1, 'x\ty'], c: {}, d: [] })).toBe(
      '{\n    "a": [\n        1,\n        "x\\ty"\n    ],\n    "b": "\\u003ca\\u0026b\\u003e\\u2028",\n    "c": {},\n    "d": []\n}\n',
    );
  });
  it('floats as Go encoding/json writes them', () => {
    expect(toJson({ a: 1e-7, b: 1e21, c: 1.5, d: 100 })).toBe('{\n    "a": 1e-7,\n    "b": 1e+21,\n    "c": 1.5,\n    "d": 100\n}\n');
  });
});

describe.skipIf(!hasKubectl)('toYaml/toJson against the real kubectl', () => {
  for (const [name, obj] of Object.entries(MANIFESTS)) {
    it(`${name}`, () => {
      const y = kubectlPrint(obj, 'yaml');
      const j = kubectlPrint(obj, 'json');
      expect(y.status).toBe(0);
      expect(toYaml(JSON.parse(j.stdout))).toBe(y.stdout);
      expect(toJson(JSON.parse(j.stdout))).toBe(j.stdout);
      expect(toJson(obj)).toBe(j.stdout);
    });
  }
});
