// The worker's playground answers its first prompt before its cluster starts (persist.ts start()),
// and once started it is the playground a plain construction gives.
import { describe, expect, it } from 'vitest';
import { startPersisted } from './persist';
import { Playground } from './playground';

describe('startPersisted', () => {
  it('builds the playground unstarted, with its prompt ready; start() makes it the usual one', async () => {
    const start = Date.UTC(2026, 10, 23, 10, 0, 0);
    const p = await startPersisted({ start });
    expect(p.pg.shell.prompt()).toBe('controlplane:~$ ');
    expect(p.pg.cluster.components).toBeUndefined();
    p.start();
    expect(p.pg.cluster.components).toBeDefined();
    const plain = new Playground({ start });
    expect(JSON.stringify(p.pg.state())).toBe(JSON.stringify(plain.state()));
    p.pg.cluster.advance(60_000);
    plain.cluster.advance(60_000);
    expect(JSON.stringify(p.pg.state())).toBe(JSON.stringify(plain.state()));
  });
});
