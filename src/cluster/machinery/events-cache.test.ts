// The EventCorrelator, in the style of client-go's tools/record/events_cache_test.go: sequences of
// events go in, and what would be written (created, count-patched or dropped) comes out.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { createControllerContext } from '../controllers/context';
import type { KubeObject } from '../../api/types';
import {
  AGGREGATE_INTERVAL_MS,
  COMBINED_PREFIX,
  EventCorrelator,
  Lru,
  SPAM_BURST,
  type CorrelatedEvent,
} from './events-cache';

const T0 = Date.UTC(2026, 0, 1);

function makeEvent(reason: string, message: string, over: Partial<CorrelatedEvent> = {}): CorrelatedEvent {
  return {
    name: '',
    namespace: 'default',
    involvedObject: { kind: 'ReplicaSet', namespace: 'default', name: 'web-6d4cf56db6', uid: 'uid-1', apiVersion: 'apps/v1' },
    source: { component: 'replicaset-controller' },
    type: 'Normal',
    reason,
    message,
    reportingComponent: 'replicaset-controller',
    reportingInstance: '',
    firstTimestamp: T0,
    lastTimestamp: T0,
    count: 1,
    ...over,
  };
}

/** A correlator whose names are `e1`, `e2`, ... */
function correlator() {
  const c = new EventCorrelator();
  let n = 0;
  const run = (ev: CorrelatedEvent, now = T0) => {
    const r = c.correlate({ ...ev, firstTimestamp: now, lastTimestamp: now }, now, () => `e${++n}`);
    if (r.event) c.updateState(r.event);
    return r;
  };
  return { c, run };
}

describe('EventCorrelator', () => {
  it('create-a-single-event: a new event is created with count 1', () => {
    const { run } = correlator();
    const r = run(makeEvent('Created', 'Created container web'));
    expect(r).toMatchObject({ skip: false, update: false, event: { name: 'e1', count: 1, message: 'Created container web' } });
  });

  it('the-same-event-should-just-count: a repeat patches the first event', () => {
    const { run } = correlator();
    run(makeEvent('BackOff', 'Back-off restarting failed container'));
    const r = run(makeEvent('BackOff', 'Back-off restarting failed container'), T0 + 10_000);
    expect(r).toMatchObject({ update: true, event: { name: 'e1', count: 2, firstTimestamp: T0 } });
    expect(run(makeEvent('BackOff', 'Back-off restarting failed container'), T0 + 20_000).event?.count).toBe(3);
  });

  it('the-same-event-should-just-count-even-if-more-than-aggregate', () => {
    const { run } = correlator();
    let last;
    for (let i = 0; i < 20; i++) last = run(makeEvent('BackOff', 'same'), T0 + i * 1000);
    expect(last).toMatchObject({ skip: false, update: true, event: { name: 'e1', count: 20, message: 'same' } });
  });

  it('create-many-unique-events: nine distinct messages stay nine events', () => {
    const { run } = correlator();
    const names = [];
    for (let i = 0; i < 9; i++) names.push(run(makeEvent('SuccessfulCreate', `Created pod: web-${i}`)).event?.name);
    expect(names).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9']);
  });

  it('similar-events-should-aggregate-event: the tenth distinct message starts the combined event, later ones bump it', () => {
    const { run } = correlator();
    for (let i = 0; i < 9; i++) run(makeEvent('SuccessfulCreate', `Created pod: web-${i}`));
    const tenth = run(makeEvent('SuccessfulCreate', 'Created pod: web-9'));
    expect(tenth).toMatchObject({
      update: false,
      event: { name: 'e10', count: 1, message: `${COMBINED_PREFIX}Created pod: web-9`, reportingComponent: '', reportingInstance: '' },
    });
    const eleventh = run(makeEvent('SuccessfulCreate', 'Created pod: web-10'), T0 + 1000);
    expect(eleventh).toMatchObject({ update: true, event: { name: 'e10', count: 2, message: `${COMBINED_PREFIX}Created pod: web-10`, firstTimestamp: T0 } });
  });

  it('similar-events-whose-interval-is-greater-than-aggregate-event: the aggregation window restarts', () => {
    const { run } = correlator();
    for (let i = 0; i < 9; i++) run(makeEvent('SuccessfulCreate', `Created pod: web-${i}`));
    const later = run(makeEvent('SuccessfulCreate', 'Created pod: web-9'), T0 + AGGREGATE_INTERVAL_MS + 1);
    expect(later).toMatchObject({ update: false, event: { message: 'Created pod: web-9', count: 1 } });
  });

  it('events-from-different-sources-are-unique', () => {
    const { run } = correlator();
    for (let i = 0; i < 9; i++) run(makeEvent('Killing', `Stopping container c${i}`));
    const other = run(makeEvent('Killing', 'Stopping container c9', { source: { component: 'kubelet', host: 'node01' } }));
    expect(other.event?.message).toBe('Stopping container c9');
  });

  it('events-from-different-objects-are-unique', () => {
    const { run } = correlator();
    for (let i = 0; i < 9; i++) run(makeEvent('SuccessfulCreate', `Created pod: web-${i}`));
    const other = run(makeEvent('SuccessfulCreate', 'Created pod: api-0', { involvedObject: { kind: 'ReplicaSet', namespace: 'default', name: 'api', uid: 'uid-2', apiVersion: 'apps/v1' } }));
    expect(other.event).toMatchObject({ message: 'Created pod: api-0', count: 1 });
  });

  it('events-with-different-reasons-are-unique', () => {
    const { run } = correlator();
    for (let i = 0; i < 9; i++) run(makeEvent('SuccessfulCreate', `Created pod: web-${i}`));
    expect(run(makeEvent('SuccessfulDelete', 'Deleted pod: web-0')).event?.message).toBe('Deleted pod: web-0');
  });

  it('fieldPath tells repeats apart, but not similar events (the aggregate key has no fieldPath)', () => {
    const { run } = correlator();
    const pod = { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u', apiVersion: 'v1' };
    const at = (fieldPath: string, message: string) => makeEvent('Pulled', message, { involvedObject: { ...pod, fieldPath } });
    run(at('spec.containers{a}', 'Container image "x" already present on machine'));
    expect(run(at('spec.containers{b}', 'Container image "x" already present on machine')).event).toMatchObject({ name: 'e2', count: 1 });
    for (let i = 0; i < 8; i++) run(at('spec.containers{a}', `m${i}`));
    expect(run(at('spec.containers{z}', 'm-last')).event?.message).toBe(`${COMBINED_PREFIX}m-last`);
  });

  it('type tells spam buckets apart', () => {
    const { run } = correlator();
    for (let i = 0; i < SPAM_BURST; i++) run(makeEvent('Unhealthy', 'same'), T0 + i);
    expect(run(makeEvent('Unhealthy', 'same'), T0 + 30).skip).toBe(true);
    expect(run(makeEvent('Unhealthy', 'same', { type: 'Warning' }), T0 + 31).skip).toBe(false);
  });
});

describe('EventSourceObjectSpamFilter', () => {
  it('allows a burst of 25 writes per source, object, type and reason, then one every 5 minutes', () => {
    const { run } = correlator();
    const results = [];
    for (let i = 0; i < SPAM_BURST + 5; i++) results.push(run(makeEvent('BackOff', 'same'), T0 + i));
    expect(results.filter((r) => !r.skip)).toHaveLength(SPAM_BURST);
    expect(results[SPAM_BURST].skip).toBe(true);
    // Another reason about the same object has its own bucket.
    expect(run(makeEvent('Unhealthy', 'Liveness probe failed'), T0 + 100).skip).toBe(false);
    // One token back after 300 s, not two.
    expect(run(makeEvent('BackOff', 'same'), T0 + 300_100).skip).toBe(false);
    expect(run(makeEvent('BackOff', 'same'), T0 + 300_200).skip).toBe(true);
  });

  it('a dropped repeat still counts: the next write carries the total', () => {
    const { run } = correlator();
    for (let i = 0; i < SPAM_BURST; i++) run(makeEvent('BackOff', 'same'), T0 + i);
    expect(run(makeEvent('BackOff', 'same'), T0 + 30).skip).toBe(true);
    expect(run(makeEvent('BackOff', 'same'), T0 + 301_000).event?.count).toBe(SPAM_BURST + 2);
  });
});

describe('Lru', () => {
  it('evicts the least recently used entry', () => {
    const l = new Lru<number>(2);
    l.add('o', 'a', 1);
    l.add('o', 'b', 2);
    l.add('o', 'a', 1); // a Get followed by an Add, as every use does: most recent again
    l.add('p', 'c', 3);
    expect([l.peek('o', 'a'), l.peek('o', 'b'), l.peek('p', 'c'), l.size]).toEqual([1, undefined, 3, 2]);
    l.add('q', 'd', 4);
    expect([l.peek('o', 'a'), l.peek('p', 'c'), l.peek('q', 'd'), l.size]).toEqual([undefined, 3, 4, 2]);
    // many entries about one object (past the short-array form), with eviction in order
    const big = new Lru<number>(20);
    for (let i = 0; i < 30; i++) big.add('rs', `m${i}`, i);
    expect(big.size).toBe(20);
    expect([big.peek('rs', 'm9'), big.peek('rs', 'm10'), big.peek('rs', 'm29')]).toEqual([undefined, 10, 29]);
    big.add('rs', 'm10', 10);
    big.add('other', 'x', -1);
    expect([big.peek('rs', 'm10'), big.peek('rs', 'm11'), big.size]).toEqual([10, undefined, 20]);
  });
});

describe('EventRecorder through the apiserver', () => {
  it('a ReplicaSet creating 40 pods leaves 9 events and one combined event counted to its spam budget', () => {
    const c = createCluster({ seed: 1, controllers: false });
    const ctx = createControllerContext(c.api, c.clock, c.rand);
    const rec = ctx.recorder('replicaset-controller');
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', uid: 'rs-uid' } } as KubeObject;
    for (let i = 0; i < 40; i++) {
      rec.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: web-1-${i}`);
      c.clock.advanceTo(c.clock.now() + 10);
    }
    const events = c.store.list('events', { namespace: 'default' }).items.filter((e) => (e as { reason?: string }).reason === 'SuccessfulCreate') as (KubeObject & { message: string; count: number; reportingComponent: string })[];
    expect(events).toHaveLength(10);
    const combined = events.filter((e) => e.message.startsWith(COMBINED_PREFIX));
    expect(combined).toHaveLength(1);
    // 9 single events + the combined one created + 15 count bumps = the burst of 25.
    expect(combined[0]).toMatchObject({ count: 16, message: `${COMBINED_PREFIX}Created pod: web-1-24`, reportingComponent: '' });
    expect(events.filter((e) => !e.message.startsWith(COMBINED_PREFIX)).map((e) => e.count)).toEqual(Array(9).fill(1));
  });
});
