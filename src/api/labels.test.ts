import { describe, expect, it } from 'vitest';
import {
  formatLabels,
  formatLabelSelector,
  labelSelectorAsMap,
  labelSelectorAsSelector,
  matchesLabels,
  newRequirement,
  nothing,
  parseLabelSelector,
  requiresExactMatch,
  selectorFromSet,
  selectorString,
} from './labels';

const roundTrip = (s: string) => selectorString(parseLabelSelector(s));

describe('parseLabelSelector', () => {
  it('parses every operator', () => {
    expect(parseLabelSelector('app=web').requirements).toEqual([{ key: 'app', operator: '=', values: ['web'] }]);
    expect(parseLabelSelector('app==web').requirements[0].operator).toBe('==');
    expect(parseLabelSelector('app!=web').requirements[0].operator).toBe('!=');
    expect(parseLabelSelector('env in (prod, dev)').requirements).toEqual([
      { key: 'env', operator: 'in', values: ['dev', 'prod'] },
    ]);
    expect(parseLabelSelector('env notin (a)').requirements[0].operator).toBe('notin');
    expect(parseLabelSelector('tier').requirements).toEqual([{ key: 'tier', operator: 'exists', values: [] }]);
    expect(parseLabelSelector('!tier').requirements).toEqual([{ key: 'tier', operator: '!', values: [] }]);
    expect(parseLabelSelector('n>3').requirements).toEqual([{ key: 'n', operator: 'gt', values: ['3'] }]);
    expect(parseLabelSelector('n < 2').requirements).toEqual([{ key: 'n', operator: 'lt', values: ['2'] }]);
    // a negative number passes the integer check but is not a valid label value
    expect(() => parseLabelSelector('n<-2')).toThrow(/^unable to parse requirement: values\[0\]\[n\]: Invalid value: "-2": a valid label/);
  });

  it('handles empty input, whitespace and empty values', () => {
    expect(parseLabelSelector('').requirements).toEqual([]);
    expect(parseLabelSelector('  \t ').requirements).toEqual([]);
    expect(parseLabelSelector(' a = b , c ').requirements.map((r) => r.key)).toEqual(['a', 'c']);
    expect(parseLabelSelector('a=').requirements[0].values).toEqual(['']);
    expect(parseLabelSelector('a=,b').requirements[0].values).toEqual(['']);
    expect(parseLabelSelector('x in ()').requirements[0].values).toEqual(['']);
    expect(parseLabelSelector('x in (foo,,baz)').requirements[0].values).toEqual(['', 'baz', 'foo']);
    expect(parseLabelSelector('x in (,a)').requirements[0].values).toEqual(['', 'a']);
    expect(parseLabelSelector('x in (a,)').requirements[0].values).toEqual(['', 'a']);
  });

  it('treats in/notin as identifiers in value position', () => {
    expect(parseLabelSelector('x in (in,notin)').requirements[0].values).toEqual(['in', 'notin']);
    expect(parseLabelSelector('in=notin').requirements[0]).toEqual({ key: 'in', operator: '=', values: ['notin'] });
  });

  it('sorts requirements by key and prints like Selector.String()', () => {
    expect(roundTrip('z=1,a in (y,x),!m,k')).toBe('a in (x,y),k,!m,z=1');
    expect(roundTrip('a==b,c!=d,e>5,f<6')).toBe('a==b,c!=d,e>5,f<6');
    expect(roundTrip('x notin (b,a,b)')).toBe('x notin (a,b)');
  });

  it('returns apimachinery messages for syntax errors', () => {
    expect(() => parseLabelSelector('app=web extra')).toThrow("found 'extra', expected: ',' or 'end of string'");
    expect(() => parseLabelSelector('a=b,')).toThrow("found '', expected: identifier after ','");
    expect(() => parseLabelSelector('=a')).toThrow("found '=', expected: !, identifier, or 'end of string'");
    expect(() => parseLabelSelector('a b')).toThrow(
      "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    );
    expect(() => parseLabelSelector('x in a')).toThrow("unable to parse requirement: found 'a' expected: '('");
    expect(() => parseLabelSelector('x in (a b)')).toThrow("unable to parse requirement: found 'b', expected: ',' or ')'");
    expect(() => parseLabelSelector('x in (=)')).toThrow(
      "unable to parse requirement: found '=', expected: ',', ')' or identifier",
    );
    expect(() => parseLabelSelector('x in (a,=)')).toThrow(
      "unable to parse requirement: found '=', expected: ',', or identifier",
    );
    expect(() => parseLabelSelector('a=(')).toThrow("unable to parse requirement: found '(', expected: identifier");
    expect(() => parseLabelSelector('!a=b')).toThrow("found '=', expected: ',' or 'end of string'");
    expect(() => parseLabelSelector('!!a')).toThrow("unable to parse requirement: found '!', expected: identifier");
  });

  it('returns field errors for invalid keys and values', () => {
    expect(() => parseLabelSelector('-a=b')).toThrow(
      `unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
    expect(() => parseLabelSelector('app=-web')).toThrow(
      `unable to parse requirement: values[0][app]: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
    expect(() => parseLabelSelector('n>x')).toThrow(
      `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
    );
    expect(() => parseLabelSelector('n>')).toThrow(
      `unable to parse requirement: values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer`,
    );
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'web', tier: 'front', n: '10' };
  const m = (s: string, l: Record<string, string> | undefined = labels) => matchesLabels(parseLabelSelector(s), l);

  it('matches set and equality requirements', () => {
    expect(m('app=web')).toBe(true);
    expect(m('app=db')).toBe(false);
    expect(m('app!=db')).toBe(true);
    expect(m('missing!=x')).toBe(true);
    expect(m('app in (db,web)')).toBe(true);
    expect(m('app notin (web)')).toBe(false);
    expect(m('missing notin (web)')).toBe(true);
    expect(m('missing in (web)')).toBe(false);
    expect(m('tier,!missing')).toBe(true);
    expect(m('!tier')).toBe(false);
    expect(m('app=web,tier=back')).toBe(false);
  });

  it('compares integers for gt and lt', () => {
    expect(m('n>9')).toBe(true);
    expect(m('n>10')).toBe(false);
    expect(m('n<11')).toBe(true);
    expect(m('app>1')).toBe(false);
    expect(m('missing<1')).toBe(false);
  });

  it('empty selects everything and nothing selects nothing', () => {
    expect(m('', {})).toBe(true);
    expect(m('', undefined)).toBe(true);
    expect(matchesLabels(nothing(), labels)).toBe(false);
    expect(m('a=', {})).toBe(false);
    expect(m('a=', { a: '' })).toBe(true);
  });
});

describe('labelSelectorAsSelector', () => {
  it('nil selects nothing, empty selects everything', () => {
    expect(matchesLabels(labelSelectorAsSelector(null), { a: 'b' })).toBe(false);
    expect(matchesLabels(labelSelectorAsSelector({}), { a: 'b' })).toBe(true);
    expect(matchesLabels(labelSelectorAsSelector({ matchLabels: {}, matchExpressions: [] }), {})).toBe(true);
  });

  it('combines matchLabels and matchExpressions', () => {
    const sel = labelSelectorAsSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'tier', operator: 'Exists' },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
      ],
    });
    expect(selectorString(sel)).toBe('app=web,!canary,env in (dev,prod),tier,zone notin (b)');
    expect(matchesLabels(sel, { app: 'web', env: 'dev', tier: 'x' })).toBe(true);
    expect(matchesLabels(sel, { app: 'web', env: 'dev', tier: 'x', canary: 'y' })).toBe(false);
    expect(matchesLabels(sel, { app: 'web', env: 'qa', tier: 'x' })).toBe(false);
  });

  it('reports invalid selectors', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow(
      '"Gt" is not a valid pod selector operator',
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toThrow(
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    );
    expect(() => labelSelectorAsSelector({ matchLabels: { 'a b': 'c' } })).toThrow(/^key: Invalid value: "a b": name part/);
  });

  it('aggregates several errors in brackets', () => {
    expect(() => newRequirement('-k', 'in', null)).toThrow(
      /^\[key: Invalid value: "-k": name part .*, values: Invalid value: \[\]string\(nil\): for 'in', 'notin' operators, values set can't be empty\]$/,
    );
  });
});

describe('formatting', () => {
  it('formatLabelSelector', () => {
    expect(formatLabelSelector({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(null)).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bad' }] })).toBe('<error>');
  });

  it('formatLabels', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });

  it('selectorFromSet and requiresExactMatch', () => {
    const sel = selectorFromSet({ tier: 'x', app: 'web' });
    expect(selectorString(sel)).toBe('app=web,tier=x');
    expect(requiresExactMatch(sel, 'app')).toBe('web');
    expect(requiresExactMatch(parseLabelSelector('app in (a,b)'), 'app')).toBeUndefined();
    expect(requiresExactMatch(parseLabelSelector('app in (a)'), 'app')).toBe('a');
  });

  it('labelSelectorAsMap', () => {
    expect(labelSelectorAsMap({ matchLabels: { a: 'b' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['d'] }] })).toEqual({
      a: 'b',
      c: 'd',
    });
    expect(() => labelSelectorAsMap({ matchExpressions: [{ key: 'c', operator: 'Exists' }] })).toThrow(
      'operator "Exists" cannot be converted into the old label selector format',
    );
  });
});
