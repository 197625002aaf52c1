import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CustomColumnsError,
  parseCustomColumnsSpec,
  parseCustomColumnsTemplate,
  printCustomColumns,
  relaxedJsonPathExpression,
} from './customcolumns';
import { toName } from './name';
import { tabify, TabWriter } from './tabwriter';
import { goldenPodList } from './testdata/fixtures';
import { GOLDEN, hasGolden } from './testdata/oracle';

describe('tabwriter (kubectl: minwidth 6, tabwidth 4, padding 3)', () => {
  it.skipIf(!hasGolden)('reproduces get pods from the server Table cells', () => {
    const table = JSON.parse(readFileSync(`${GOLDEN}/out/tables/pods.table.json`, 'utf8'));
    const cols = table.columnDefinitions
      .map((c: { name: string; priority: number }, i: number) => ({ ...c, i }))
      .filter((c: { priority: number }) => c.priority === 0);
    let text = cols.map((c: { name: string }) => c.name.toUpperCase()).join('\t') + '\n';
    for (const row of table.rows) text += cols.map((c: { i: number }) => String(row.cells[c.i])).join('\t') + '\n';
    expect(tabify(text)).toBe(readFileSync(`${GOLDEN}/out/get-pods.stdout`, 'utf8'));
  });
  it('pads each column to its widest cell plus 3, at least 6; the last cell is not padded', () => {
    expect(tabify('A\tBB\tC\nxxxxxxx\ty\tz\n')).toBe('A         BB    C\nxxxxxxx   y     z\n');
  });
  it('a line without tabs ends a block of columns (widths kept only with RememberWidths)', () => {
    expect(tabify('a\tb\nlong-long\tc\nplain\nx\ty\n', { rememberWidths: false })).toBe('a           b\nlong-long   c\nplain\nx     y\n');
    expect(tabify('a\tb\nlong-long\tc\nplain\nx\ty\n')).toBe('a           b\nlong-long   c\nplain\nx           y\n');
  });
  it('remembers widths across flushes (watch output)', () => {
    const w = new TabWriter();
    const first = w.write('NAME\tAGE\nlonger-name\t1s\n') + w.flush();
    const second = w.write('x\t2s\n') + w.flush();
    expect(first).toBe('NAME          AGE\nlonger-name   1s\n');
    expect(second).toBe('x             2s\n');
  });
  it('counts runes, not bytes', () => {
    expect(tabify('é\tx\nab\ty\n')).toBe('é     x\nab    y\n');
  });
});

describe('custom-columns', () => {
  it('relaxes JSONPath expressions like kubectl', () => {
    expect(relaxedJsonPathExpression('metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJsonPathExpression('.metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJsonPathExpression('{metadata.name}')).toBe('{.metadata.name}');
    expect(relaxedJsonPathExpression('{.metadata.name}')).toBe('{.metadata.name}');
    expect(() => relaxedJsonPathExpression('{.a}{.b}')).toThrow(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  });
  it('parses specs and reports kubectl errors', () => {
    expect(parseCustomColumnsSpec('NAME:.metadata.name,IP:status.podIP')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'IP', fieldSpec: '{.status.podIP}' },
    ]);
    expect(() => parseCustomColumnsSpec('')).toThrow('custom-columns format specified but no custom columns given');
    expect(() => parseCustomColumnsSpec('NAME')).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
    expect(() => parseCustomColumnsSpec('NAME')).toThrow(CustomColumnsError);
  });
  it('parses a custom-columns file', () => {
    expect(parseCustomColumnsTemplate('NAME   NODE\n.metadata.name   .spec.nodeName\n')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'NODE', fieldSpec: '{.spec.nodeName}' },
    ]);
    expect(() => parseCustomColumnsTemplate('A B\n.a\n')).toThrow("number of headers (2) and field specifications (1) don't match");
  });
  it.skipIf(!hasGolden)('prints a pod list with <none> and comma-joined results', () => {
    const cols = parseCustomColumnsSpec('NAME:.metadata.name,IP:.status.podIP,IMAGES:.spec.containers[*].image,RESTARTS:.status.containerStatuses[0].restartCount');
    expect(printCustomColumns(cols, goldenPodList())).toBe(
      'NAME                   IP           IMAGES         RESTARTS\n' +
        'crashy                 10.244.0.7   busybox:1.36   5\n' +
        'web-7c5ddbdf54-2xkqn   10.244.0.5   nginx:1.25     0\n' +
        'web-7c5ddbdf54-8mz4p   <none>       nginx:1.25     0\n',
    );
  });
  it('prints maps and lists with Go %v and honours --no-headers', () => {
    const obj = { metadata: { name: 'a', labels: { x: '1', y: '2' } }, spec: { ports: [{ port: 80 }, { port: 443 }] } };
    const cols = parseCustomColumnsSpec('N:.metadata.name,L:.metadata.labels,P:.spec.ports[*].port');
    expect(printCustomColumns(cols, obj, { noHeaders: true })).toBe('a     map[x:1 y:2]   80,443\n');
  });
});

describe('-o name', () => {
  it('uses the group from apiVersion and lower-cases the kind', () => {
    expect(toName({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toBe('pod/x\n');
    expect(toName({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } })).toBe('deployment.apps/web\n');
    expect(toName({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, 'created')).toBe('deployment.apps/web created\n');
  });
  it('prints each item of a list, taking the kind from a typed list', () => {
    expect(toName({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }] })).toBe('service/s\n');
    expect(toName({ apiVersion: 'apps/v1', kind: 'ReplicaSetList', items: [{ metadata: { name: 'r' } }] })).toBe('replicaset.apps/r\n');
  });
});
