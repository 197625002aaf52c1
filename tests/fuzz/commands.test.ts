// Issue 4, "Bad input": seeded random and mutated kubectl command lines built from kubectl's own
// command tree (verbs, subcommands, flags and their types, resource types and names, -o formats
// with broken jsonpath/go-template/custom-columns, bad selectors, unicode, huge arguments),
// straight into runKubectl over the in-process client on a shared cluster. Nothing may throw out
// of kubectl, every run ends with an exit code, failures speak kubectl's language, the apiserver
// answers no 500 from a crash, and the cluster keeps answering with its state whole
// (tests/fuzz/harness.ts). FUZZ_SCALE=10 for a longer run, FUZZ_SEED=N for other cases.
import { describe } from 'vitest';
import { kubectlFuzz } from './define';

describe('kubectl fuzz: command lines', () => {
  kubectlFuzz('command lines', 1001, 45_000, 0);
});
