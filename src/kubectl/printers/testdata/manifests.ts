// Tricky objects for the yaml/json comparison with the real kubectl.
const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

export const MANIFESTS: Record<string, Record<string, unknown>> = {
  quoting: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'quoting', labels: { 'app.kubernetes.io/name': 'web' } },
    data: {
      t: 'true', y: 'y', yes: 'yes', on: 'on', nul: 'null', tilde: '~', empty: '', n: '123', f: '1.5', e: '1e3',
      e2: '1e400', hex: '0x1F', oct: '0o17', o8: '08', us: '1_000', b60: '1:20', dot: '.5', ts: '2015-06-01',
      ts2: '2015-6-1 1:2:3', ts3: '2015-13-01', ts4: '2015-06-01T10:01:00Z', colon: 'a: b', colon2: 'a:b',
      hash: 'a #b', hash2: 'a#b', dash: '- a', dash2: '-a', q: "'quoted'", dq: '"dq"', star: '*x', amp: '&a',
      pct: '%a', at: '@a', bt: '`a', qm: '? a', qm2: '?a', bang: '!x', brace: '{a}', brack: '[a]', pipe: '|x',
      gt: '>x', comma: 'a,b', lead: ' abc', trail: 'abc ', dashes: '---', dots: '...x', plus: '+1', minus: '-1',
    },
  },
  multiline: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'multiline' },
    data: {
      'script.sh': '#!/bin/sh\necho hi\n  indented\n\ttabbed\n',
      keep: 'x\n\n',
      nl: '\n',
      lnl: '\nabc',
      lead: '  lead\n',
      spnl: 'abc \ndef',
      tabnl: 'a\tb\nc',
      strip: 'no trailing\nnewline',
      z: 'last\n\n',
    },
  },
  long: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'long',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration':
          '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"x"},"spec":{"containers":[{"image":"nginx","name":"c"}]}}\n',
      },
    },
    data: {
      plain: words,
      single: '# ' + words,
      double: 'true ' + words,
      double2: 'tab\t' + words + '  two  spaces  ' + words,
      literal: words + '\n' + words + '\n',
      nospace: 'x'.repeat(120),
    },
  },
  unicode: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'unicode' },
    data: { uni: 'héllo 世界', emoji: 'hi 😀', nbsp: 'a\u00a0b', ls: 'a\u2028b', 'é': 'key', '😀': 'emoji key', html: '<b>&amp;</b>' },
  },
  empties: {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'empties' },
    spec: { m: {}, l: [], nested: { m: {}, l: [[], {}, [[]]] }, nul: null, f: false, z: 0 },
  },
  numbers: {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'numbers' },
    spec: { i: 1000000, f: 1500000.5, small: 0.0000001, big: 1e21, neg: -3, half: 0.5, frac: 123456.789, max: 9007199254740991 },
  },
  keys: {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'keys' },
    spec: {
      a10: 1, a9: 1, A: 1, _x: 1, '1': 1, '10': 1, '2': 1, a_b: 1, aB: 1, ab: 1, 'a.b': 1, z: 1, Z9: 1, a01: 1, a1: 1,
      a001: 1, 'true': 'key', 'null': 'key', ['k'.repeat(130)]: 'longkey', 'multi\nkey': 'v', 'x y': 1, '-': 1,
    },
  },
  nesting: {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'nesting' },
    spec: {
      list: [[1, [2, 3]], { a: [], b: {} }, [], {}, null, true, 1.5, 'x: y', words],
      deep: { deeper: [{ a: 1, b: [{ c: words, d: ['x', 'y'] }] }] },
    },
  },
  pod: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', labels: { run: 'p' }, creationTimestamp: null },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'busybox',
          command: ['sh', '-c', 'echo "hello world" && sleep 3600'],
          env: [{ name: 'A', value: '1' }, { name: 'B', value: 'yes' }],
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: {},
        },
      ],
      restartPolicy: 'Always',
    },
    status: {},
  },
  secret: {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's' },
    type: 'Opaque',
    data: { password: 'cGFzc3dvcmQ=', long: 'QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB' },
  },
  service: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web-np', namespace: 'default' },
    spec: { type: 'NodePort', ports: [{ port: 8080, targetPort: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } },
  },
  deployment: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
    },
  },
};
