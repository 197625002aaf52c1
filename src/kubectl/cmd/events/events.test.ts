// kubectl events against an in-process cluster: kubectl v1.32's table, --for, --types, the
// empty messages and errors, -o yaml/json of an EventList, and -w.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster/cluster';
import { inProcessClient } from '../../../transport/inprocess';
import { deployment, makeKit } from '../logs/testkit';

async function setup() {
  const k = makeKit(() => {
    const cluster = createCluster({ start: Date.UTC(2026, 0, 1) });
    return { cluster, client: inProcessClient(cluster.api, { afterRequest: () => cluster.settle() }) };
  });
  await k.create(deployment('web', 1, 'nginx', 80));
  k.settle();
  k.cluster.advance(30_000);
  return k;
}

describe('kubectl events', () => {
  it('--for TYPE/NAME: the events of one object in kubectl\'s columns', async () => {
    const k = await setup();
    const r = await k.run('events', '--for', 'deploy/web');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^LAST SEEN   TYPE     REASON              OBJECT           MESSAGE\n33s         Normal   ScalingReplicaSet   Deployment\/web   Scaled up replica set web-[a-z0-9]+ from 0 to 1\n$/);
  });

  it('lists the namespace sorted by last time, oldest first', async () => {
    const k = await setup();
    const r = await k.run('events');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    const reasons = lines.slice(1).map((l) => l.split(/\s{2,}/)[2]);
    expect(reasons).toContain('ScalingReplicaSet');
    expect(reasons).toContain('Started');
    expect(reasons.indexOf('Scheduled')).toBeLessThan(reasons.indexOf('Started'));
  });

  it('-A adds the NAMESPACE column', async () => {
    const k = await setup();
    const r = await k.run('events', '-A', '--for', 'deploy/web');
    expect(r.stdout.split('\n')[0]).toBe('NAMESPACE   LAST SEEN   TYPE     REASON              OBJECT           MESSAGE');
  });

  it('nothing found, bad --types and --for forms', async () => {
    const k = await setup();
    expect(await k.run('events', '-n', 'nope')).toEqual({ code: 0, stdout: '', stderr: 'No events found in nope namespace.\n' });
    expect(await k.run('events', '--types=Warning')).toEqual({ code: 0, stdout: '', stderr: 'No events found in default namespace.\n' });
    expect(await k.run('events', '--types=Foo')).toEqual({ code: 1, stdout: '', stderr: 'error: valid --types are Normal or Warning\n' });
    expect(await k.run('events', '--for', 'web')).toEqual({ code: 1, stdout: '', stderr: 'error: --for must be in resource/name form\n' });
    expect(await k.run('events', '--for', 'a/b/c')).toEqual({ code: 1, stdout: '', stderr: 'error: arguments in resource/name form may not have more than one slash\n' });
    expect(await k.run('events', '--for', 'foo/web')).toEqual({ code: 1, stdout: '', stderr: 'the server doesn\'t have a resource type "foo"\n' });
    expect((await k.run('events', '-o', 'wide')).stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
  });

  it('-o yaml and -o json print an EventList with the fields Go always writes', async () => {
    const k = await setup();
    const y = await k.run('events', '--for', 'deploy/web', '-o', 'yaml');
    expect(y.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  count: 1\n  eventTime: null\n  firstTimestamp: "2026-01-01T00:00:0\dZ"\n  involvedObject:\n/);
    expect(y.stdout).toContain('\n  reportingInstance: ""\n');
    expect(y.stdout.endsWith('kind: EventList\nmetadata: {}\n')).toBe(true);
    const j = await k.run('events', '--for', 'deploy/web', '-o', 'json');
    expect(j.stdout.startsWith('{\n    "kind": "EventList",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n        {\n            "kind": "Event",\n')).toBe(true);
    expect(j.stdout).toContain('"eventTime": null,\n');
  });

  it('-w prints what exists, then new events as they come, until Ctrl-C', async () => {
    const k = await setup();
    const s = k.start(['events', '-w', '--for', 'deploy/web']);
    // The watch waits on virtual time through microtasks only; so does this test.
    const until = async (text: string) => {
      for (let i = 0; i < 10_000 && !s.stdout.includes(text); i++) await Promise.resolve();
    };
    await until('from 0 to 1');
    await k.run('scale', 'deploy/web', '--replicas=2');
    await until('from 1 to 2');
    s.interrupt();
    const r = await s.result;
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('LAST SEEN   TYPE     REASON              OBJECT           MESSAGE');
    expect(lines[2]).toMatch(/^\d+s +Normal   ScalingReplicaSet   Deployment\/web   Scaled up replica set web-[a-z0-9]+ from 1 to 2$/);
  });
});
