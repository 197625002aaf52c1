// Issue 4, "Bad input": kubectl command lines through the whole Playground shell (quoting and
// broken quotes, pipes, redirections, here-docs, $(...), jobs, curl to the API with bad paths
// and bodies, exec into pods, proxy), each line interrupted like Ctrl-C if it waits too long.
// pg.shell.run never rejects, exits with a code, prints no internal error, and the cluster
// keeps answering.
import { describe } from 'vitest';
import { shellFuzz } from './define';

describe('kubectl fuzz: through the shell', () => {
  shellFuzz(4004, 3_000);
});
