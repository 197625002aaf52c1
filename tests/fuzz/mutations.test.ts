// Issue 4, "Bad input": a second stream of kubectl command lines (another seed), so the suite
// spreads over two workers. See commands.test.ts.
import { describe } from 'vitest';
import { kubectlFuzz } from './define';

describe('kubectl fuzz: more command lines', () => {
  kubectlFuzz('command lines', 2002, 45_000, 0);
});
