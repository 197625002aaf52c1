import { it } from 'vitest';
import { setup } from './testutil';
it('debug', () => {
  const s = setup();
  s.createPod('duo', [
      { name: 'web', image: 'nginx:1.25' },
      { name: 'side', image: 'busybox', command: ['sh', '-c', 'while true; do wget -qO- localhost:80 >/dev/null && echo ok; sleep 5; done'] },
    ]);
  s.createPod('pg', [{ name: 'pg', image: 'postgres:16' }]);
  let last = '';
  for (let i = 0; i < 400; i++) {
    s.advance(100);
    const p = s.pod('pg');
    const line = JSON.stringify(p.status.containerStatuses?.map((c: any) => [c.state, c.restartCount]));
    if (line !== last) console.log((s.c.clock.now() - s.t0) / 1000, p.status.phase, line);
    last = line;
  }
  console.log(s.events('pg').map((e) => `${e.t} ${e.reason} ${e.message} x${e.count}`).join('\n'));
  console.log(JSON.stringify(s.pod('duo').status.containerStatuses, null, 1));
  console.log(s.req('GET', '/api/v1/namespaces/default/pods/duo/log', undefined, { container: 'side' }));
});
