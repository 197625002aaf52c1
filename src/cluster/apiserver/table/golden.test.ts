// The golden Tables in /work/shared/reference/kubectl-golden/out/tables are what the server must
// answer for the fixture state at 2026-11-23T00:00:00Z. Descriptions are upstream's SwaggerDoc
// texts here (the golden set left them empty; kubectl never prints them), and where the golden
// set disagrees with upstream printers.go, upstream wins: those differences are listed below.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupResource, RESOURCES } from '../../../api/registry';
import type { KubeObject } from '../../../api/types';
import { buildTable } from './table';
import type { Table, TableColumnDefinition } from './types';

const GOLDEN = '/work/shared/reference/kubectl-golden';
const NOW = Date.parse('2026-11-23T00:00:00Z');

function loadFixtures(): KubeObject[] {
  const dir = join(GOLDEN, 'fixtures/state');
  const out: KubeObject[] = [];
  for (const f of readdirSync(dir).sort()) {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    if (doc.kind === 'List') out.push(...doc.items);
    else out.push(doc);
  }
  return out;
}

function objectsOf(all: KubeObject[], kind: string, apiVersion: string): KubeObject[] {
  // The store lists in key order: namespace, then name.
  return all
    .filter((o) => o.kind === kind && o.apiVersion === apiVersion)
    .sort((a, b) => {
      const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

/**
 * Known differences between the golden tables (a reconstruction) and kube-apiserver v1.32's
 * printers.go: upstream declares Deployment's Up-to-date and Available columns as type "string"
 * (the cells are integers either way).
 */
const UPSTREAM_TYPE_OVERRIDES: Record<string, Record<string, string>> = {
  deployments: { 'Up-to-date': 'string', Available: 'string' },
};

function withoutDescriptions(cols: TableColumnDefinition[] | null): Omit<TableColumnDefinition, 'description'>[] {
  return (cols ?? []).map(({ description: _d, ...rest }) => rest);
}

const all = loadFixtures();
const cases = readdirSync(join(GOLDEN, 'out/tables'))
  .filter((f) => f.endsWith('.table.json'))
  .map((f) => f.replace('.table.json', ''));

describe('golden tables', () => {
  it('covers the nine golden resources', () => {
    expect(cases.sort()).toEqual(
      ['deployments', 'endpoints', 'events', 'namespaces', 'nodes', 'pods', 'replicasets', 'replicationcontrollers', 'services'].sort(),
    );
  });

  for (const name of cases) {
    it(`${name} matches the golden table`, () => {
      const golden = JSON.parse(readFileSync(join(GOLDEN, 'out/tables', `${name}.table.json`), 'utf8')) as Table;
      const resource = RESOURCES.find((r) => r.resource === name && (r.group === '' || r.group === 'apps'))!;
      const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
      const objects = objectsOf(all, resource.kind, apiVersion);
      const table = buildTable(resource, objects, {
        now: NOW,
        includeObject: 'Metadata',
        resourceVersion: golden.metadata.resourceVersion,
      });

      expect(table.kind).toBe('Table');
      expect(table.apiVersion).toBe('meta.k8s.io/v1');
      expect(table.metadata).toEqual(golden.metadata);

      const expectedCols = withoutDescriptions(golden.columnDefinitions).map((c) => ({
        ...c,
        type: UPSTREAM_TYPE_OVERRIDES[name]?.[c.name] ?? c.type,
      }));
      expect(withoutDescriptions(table.columnDefinitions)).toEqual(expectedCols);
      for (const c of table.columnDefinitions!) expect(c.description).not.toBe('');

      expect(table.rows.map((r) => r.cells)).toEqual(golden.rows.map((r) => r.cells));
      expect(table.rows.map((r) => r.object)).toEqual(golden.rows.map((r) => r.object));
    });
  }

  it('leaves the golden set unchanged apart from the listed upstream differences', () => {
    const golden = JSON.parse(readFileSync(join(GOLDEN, 'out/tables/deployments.table.json'), 'utf8')) as Table;
    const types = Object.fromEntries(golden.columnDefinitions!.map((c) => [c.name, c.type]));
    expect(types['Up-to-date']).toBe('integer');
    expect(types.Available).toBe('integer');
    const table = buildTable(lookupResource('apps', 'v1', 'deployments')!, [], { now: NOW, includeObject: 'None' });
    const ours = Object.fromEntries(table.columnDefinitions!.map((c) => [c.name, c.type]));
    expect(ours['Up-to-date']).toBe('string');
    expect(ours.Available).toBe('string');
  });
});
