// Issue 4, "Bad input": manifests for -f, as files in the workspace, directories and stdin:
// valid Pods, Deployments, Services, ConfigMaps, Secrets, Namespaces and ReplicaSets mutated in
// structure (wrong types, unknown, missing and renamed fields, wrong apiVersion and kind, deep
// nesting, huge strings, nulls) and in text (YAML syntax errors, tabs, truncation, anchors,
// multi-document streams, Lists, JSON), through create, apply (client- and server-side),
// replace, delete, get, describe, label/set --local, rollout, scale and expose.
import { describe } from 'vitest';
import { kubectlFuzz } from './define';

describe('kubectl fuzz: manifests', () => {
  kubectlFuzz('manifests', 3003, 8_000, 1);
});
