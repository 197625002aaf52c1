import { describe, expect, it } from 'vitest';
import {
  convertFieldLabel,
  escapeFieldValue,
  fieldRequiresExactMatch,
  fieldSelectorForResource,
  fieldSelectorString,
  fieldsFor,
  matchesFields,
  objectMatchesFields,
  parseFieldSelector,
  unescapeFieldValue,
} from './fields';
import { StatusError } from './status';

describe('parseFieldSelector', () => {
  it('parses =, == and != and sorts raw terms', () => {
    expect(parseFieldSelector('status.phase!=Running,metadata.name==web').requirements).toEqual([
      { field: 'metadata.name', operator: '==', value: 'web' },
      { field: 'status.phase', operator: '!=', value: 'Running' },
    ]);
    expect(parseFieldSelector('').requirements).toEqual([]);
    expect(parseFieldSelector(',a=b,').requirements).toEqual([{ field: 'a', operator: '=', value: 'b' }]);
    expect(parseFieldSelector('a=').requirements).toEqual([{ field: 'a', operator: '=', value: '' }]);
  });

  it('splits at the first operator and unescapes values', () => {
    expect(parseFieldSelector('a=b\\=c').requirements[0]).toEqual({ field: 'a', operator: '=', value: 'b=c' });
    expect(parseFieldSelector('a=x\\,y,b=z').requirements).toEqual([
      { field: 'a', operator: '=', value: 'x,y' },
      { field: 'b', operator: '=', value: 'z' },
    ]);
    expect(parseFieldSelector('a=\\\\').requirements[0].value).toBe('\\');
    expect(parseFieldSelector('a!=b').requirements[0].operator).toBe('!=');
  });

  it('reports errors with apimachinery texts', () => {
    expect(() => parseFieldSelector('foo')).toThrow("invalid selector: 'foo'; can't understand 'foo'");
    expect(() => parseFieldSelector('a=b,foo')).toThrow("invalid selector: 'a=b,foo'; can't understand 'foo'");
    expect(() => parseFieldSelector('a==b=c')).toThrow('invalid field selector: unescapedRune character in value: 61');
    expect(() => parseFieldSelector('a=b\\x')).toThrow('invalid field selector: invalid escape sequence: \\x');
    expect(() => parseFieldSelector('a=b\\')).toThrow('invalid field selector: invalid escape sequence: \\');
  });

  it('prints and escapes like Selector.String()', () => {
    expect(fieldSelectorString(parseFieldSelector('b==2,a!=x\\,y'))).toBe('a!=x\\,y,b=2');
    expect(escapeFieldValue('a=b,c\\')).toBe('a\\=b\\,c\\\\');
    expect(unescapeFieldValue(escapeFieldValue('a=b,c\\'))).toBe('a=b,c\\');
  });
});

describe('matchesFields', () => {
  it('treats missing fields as empty strings', () => {
    const get = (f: string) => ({ 'status.phase': 'Running' })[f as 'status.phase'];
    expect(matchesFields(parseFieldSelector('status.phase=Running'), get)).toBe(true);
    expect(matchesFields(parseFieldSelector('status.phase!=Running'), get)).toBe(false);
    expect(matchesFields(parseFieldSelector('spec.nodeName='), get)).toBe(true);
    expect(matchesFields(parseFieldSelector('spec.nodeName!='), get)).toBe(false);
    expect(matchesFields(parseFieldSelector(''), {})).toBe(true);
  });

  it('RequiresExactMatch', () => {
    const sel = parseFieldSelector('metadata.name=x,spec.nodeName!=n');
    expect(fieldRequiresExactMatch(sel, 'metadata.name')).toBe('x');
    expect(fieldRequiresExactMatch(sel, 'spec.nodeName')).toBeUndefined();
  });
});

describe('per-kind field labels', () => {
  const pod = {
    metadata: { name: 'web-1', namespace: 'default' },
    spec: { nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
    status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] },
  };

  it('computes pod fields like PodToSelectableFields', () => {
    expect(fieldsFor('pods', pod)).toEqual({
      'metadata.name': 'web-1',
      'metadata.namespace': 'default',
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.244.1.5',
      'status.nominatedNodeName': '',
    });
  });

  it('other kinds', () => {
    expect(fieldsFor('nodes', { metadata: { name: 'n1' }, spec: { unschedulable: true } })).toEqual({
      'metadata.name': 'n1',
      'spec.unschedulable': 'true',
    });
    expect(fieldsFor('namespaces', { metadata: { name: 'x' }, status: { phase: 'Active' } })['status.phase']).toBe('Active');
    expect(fieldsFor('replicationcontrollers', { metadata: { name: 'r' } })['status.replicas']).toBe('0');
    expect(fieldsFor('secrets', { metadata: { name: 's' }, type: 'Opaque' }).type).toBe('Opaque');
    expect(fieldsFor('jobs', { metadata: { name: 'j' }, status: { succeeded: 2 } }, 'batch')['status.successful']).toBe('2');
    expect(fieldsFor('deployments', { metadata: { name: 'd', namespace: 'ns' } }, 'apps')).toEqual({
      'metadata.name': 'd',
      'metadata.namespace': 'ns',
    });
    const ev = fieldsFor('events', {
      metadata: { name: 'e', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-1' },
      reason: 'Scheduled',
      type: 'Normal',
      reportingComponent: 'default-scheduler',
    });
    expect(ev['involvedObject.kind']).toBe('Pod');
    expect(ev['involvedObject.uid']).toBe('');
    expect(ev.source).toBe('default-scheduler');
  });

  it('accepts supported labels and aliases', () => {
    expect(convertFieldLabel('pods', 'status.phase')).toBe('status.phase');
    expect(convertFieldLabel('pods', 'spec.host')).toBe('spec.nodeName');
    expect(convertFieldLabel('pods', 'status.podIPs')).toBe('status.podIPs');
    expect(convertFieldLabel('deployments', 'metadata.namespace', 'apps')).toBe('metadata.namespace');
    expect(convertFieldLabel('events', 'regarding.name', 'events.k8s.io')).toBe('involvedObject.name');
  });

  it('rejects unsupported labels with the apiserver texts', () => {
    expect(() => convertFieldLabel('pods', 'foo')).toThrow('field label not supported: foo');
    expect(() => convertFieldLabel('nodes', 'metadata.namespace')).toThrow('field label not supported: metadata.namespace');
    expect(() => convertFieldLabel('deployments', 'status.replicas', 'apps')).toThrow(
      '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(() => convertFieldLabel('jobs', 'spec.x', 'batch')).toThrow('field label "spec.x" not supported for Job');
    expect(() => convertFieldLabel('events', 'involvedObject.name', 'events.k8s.io')).toThrow(
      'field label not supported: involvedObject.name',
    );
  });

  it('fieldSelectorForResource returns BadRequest errors and converted selectors', () => {
    const sel = fieldSelectorForResource('pods', 'spec.host=node-1,status.phase=Running');
    expect(sel.requirements.map((r) => r.field)).toEqual(['spec.nodeName', 'status.phase']);
    expect(objectMatchesFields('pods', sel, pod)).toBe(true);
    expect(objectMatchesFields('pods', fieldSelectorForResource('pods', 'status.podIPs=10.244.1.5'), pod)).toBe(false);
    try {
      fieldSelectorForResource('pods', 'spec.foo=bar');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatusError);
      expect((e as StatusError).status.code).toBe(400);
      expect((e as StatusError).status.reason).toBe('BadRequest');
      expect((e as StatusError).message).toContain('field label not supported: spec.foo');
    }
  });
});
