// client-go's EventCorrelator (tools/record/events_cache.go): what a component's event
// broadcaster does to an event before it reaches the apiserver.
// - Aggregation: events that differ only in their message, seen for 10 distinct messages within
//   600 s, are folded into one event whose message is "(combined from similar events): <latest>".
// - De-duplication: an event seen before (same key) is a count/lastTimestamp patch, not a new Event.
// - Spam filter: a token bucket per source + object (+ type and reason since v1.31) allows a
//   burst of 25 writes, then one every 300 s; anything beyond is dropped.
// Every cache is an LRU of 4096 entries, as upstream's.

export const MAX_LRU_CACHE_ENTRIES = 4096;
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
export const SPAM_QPS = 1 / 300;
export const COMBINED_PREFIX = '(combined from similar events): ';

/** The fields of a core/v1 Event the correlator reads. */
export interface CorrelatedEvent {
  /** metadata.name */
  name: string;
  namespace: string;
  involvedObject: {
    kind?: string;
    namespace?: string;
    name?: string;
    uid?: string;
    apiVersion?: string;
    fieldPath?: string;
  };
  source: { component: string; host?: string };
  type: string;
  reason: string;
  message: string;
  reportingComponent: string;
  reportingInstance: string;
  /** virtual ms */
  firstTimestamp: number;
  lastTimestamp: number;
  count: number;
  /** The rest of its full key after source + object, once computed. */
  key?: string;
}

export interface CorrelateResult {
  /** Dropped by the spam filter: nothing is written. */
  skip: boolean;
  event?: CorrelatedEvent;
  /** The event exists already: patch count, lastTimestamp and message instead of creating it. */
  update: boolean;
}

interface LruNode<V> {
  outer: string;
  inner: string;
  value: V;
  prev: LruNode<V> | null;
  next: LruNode<V> | null;
}

/** An object's entries: a short array (one per reason, typically), a Map once there are many. */
type Entries<V> = LruNode<V>[] | Map<string, LruNode<V>>;
const ARRAY_ENTRIES = 8;

/**
 * groupcache/lru: maps to nodes of a list ordered from most to least recently used. (A Map
 * alone, deleting and re-inserting to reorder, leaves holes at its front that finding the oldest
 * entry then has to skip, which made every eviction slower than the event it served.)
 * A key is a pair: the object it is about (a string kept per object, see ObjectIds, so it is
 * hashed once) and the rest, so no long key string is built and hashed for every event.
 * Upstream's every Get is followed by an Add of the same key, so `peek` (no reordering) then
 * `add` ends in the same order.
 */
export class Lru<V> {
  private readonly m = new Map<string, Entries<V>>();
  private head: LruNode<V> | null = null;
  private tail: LruNode<V> | null = null;
  private count = 0;
  constructor(private readonly max: number) {}

  // What the last peek found: the correlator's every peek is followed by an add of the same key
  // (nothing else touches this cache in between), which then skips the second lookup.
  private memoOuter: string | undefined = undefined;
  private memoInner: string | undefined = undefined;
  private memoEntries: Entries<V> | undefined = undefined;
  private memoNode: LruNode<V> | undefined = undefined;

  peek(outer: string, inner: string): V | undefined {
    const entries = this.m.get(outer);
    const n = find(entries, inner);
    this.memoOuter = outer;
    this.memoInner = inner;
    this.memoEntries = entries;
    this.memoNode = n;
    return n?.value;
  }

  add(outer: string, inner: string, v: V): void {
    let entries: Entries<V> | undefined;
    let n: LruNode<V> | undefined;
    if (outer === this.memoOuter && inner === this.memoInner) {
      entries = this.memoEntries;
      n = this.memoNode;
    } else {
      entries = this.m.get(outer);
      n = find(entries, inner);
    }
    this.memoOuter = this.memoInner = undefined;
    this.memoEntries = this.memoNode = undefined;
    if (n) {
      n.value = v;
      this.toFront(n);
      return;
    }
    const node: LruNode<V> = { outer, inner, value: v, prev: null, next: this.head };
    if (this.head) this.head.prev = node;
    this.head = node;
    if (!this.tail) this.tail = node;
    if (!entries) this.m.set(outer, [node]);
    else if (!Array.isArray(entries)) entries.set(inner, node);
    else if (entries.length < ARRAY_ENTRIES) entries.push(node);
    else this.m.set(outer, new Map([...entries, node].map((e) => [e.inner, e])));
    if (++this.count > this.max) {
      const old = this.tail!;
      this.unlink(old);
      this.count--;
      const list = this.m.get(old.outer)!;
      if (Array.isArray(list)) list.splice(list.indexOf(old), 1);
      else list.delete(old.inner);
      if ((Array.isArray(list) ? list.length : list.size) === 0) this.m.delete(old.outer);
    }
  }

  get size(): number {
    return this.count;
  }

  private toFront(n: LruNode<V>): void {
    if (this.head === n) return;
    this.unlink(n);
    n.next = this.head;
    if (this.head) this.head.prev = n;
    this.head = n;
    if (!this.tail) this.tail = n;
  }

  private unlink(n: LruNode<V>): void {
    if (n.prev) n.prev.next = n.next;
    else this.head = n.next;
    if (n.next) n.next.prev = n.prev;
    else this.tail = n.prev;
    n.prev = n.next = null;
  }
}

function find<V>(entries: Entries<V> | undefined, inner: string): LruNode<V> | undefined {
  if (entries === undefined) return undefined;
  if (!Array.isArray(entries)) return entries.get(inner);
  for (let i = 0; i < entries.length; i++) if (entries[i]!.inner === inner) return entries[i];
  return undefined;
}

interface ObjectId {
  uid: string;
  component: string;
  host: string | undefined;
  kind: string | undefined;
  namespace: string | undefined;
  name: string | undefined;
  apiVersion: string | undefined;
  id: string;
}

/**
 * One identity string per source + involved object (upstream's key fields but the event's own),
 * found by the object's uid, whose hash the string already carries. Dropped wholesale when it
 * grows past a bound: an identity is rebuilt on demand, equal to the old one.
 */
class ObjectIds {
  private readonly byUid = new Map<string, ObjectId>();

  /** The identity answered last: correlate and updateState ask about the same object in a row. */
  private last: ObjectId | undefined = undefined;

  id(e: CorrelatedEvent): string {
    const o = e.involvedObject;
    const uid = o.uid ?? '';
    const l = this.last;
    if (l !== undefined && l.uid === uid && same(l, e)) return l.id;
    const c = this.byUid.get(uid);
    if (c && same(c, e)) {
      this.last = c;
      return c.id;
    }
    if (this.byUid.size >= 4 * MAX_LRU_CACHE_ENTRIES) this.byUid.clear();
    const id = e.source.component + (e.source.host ?? '') + objectKey(e);
    const made: ObjectId = { uid, component: e.source.component, host: e.source.host, kind: o.kind, namespace: o.namespace, name: o.name, apiVersion: o.apiVersion, id };
    this.byUid.set(uid, made);
    this.last = made;
    return id;
  }
}

function same(c: ObjectId, e: CorrelatedEvent): boolean {
  const o = e.involvedObject;
  return c.component === e.source.component && c.host === e.source.host && c.kind === o.kind && c.namespace === o.namespace && c.name === o.name && c.apiVersion === o.apiVersion;
}

// Upstream's keys (tools/record/events_cache.go), all joined without separators:
// - getEventKey: source, involvedObject (with fieldPath), type, reason, message (de-duplication);
// - getSpamKey (v1.31+, kubernetes#124747): source, involvedObject, type and reason;
// - EventAggregatorByReasonFunc: the spam key's fields plus reportingComponent and
//   reportingInstance; the message is the local key.
// The maps here keep the same fields as (source + object, rest) pairs.
function objectKey(e: CorrelatedEvent): string {
  const o = e.involvedObject;
  return (o.kind ?? '') + (o.namespace ?? '') + (o.name ?? '') + (o.uid ?? '') + (o.apiVersion ?? '');
}

// The event key's rest after source + object (tagged: the logger's cache holds aggregate keys too).
function eventRest(e: CorrelatedEvent): string {
  return 'e' + (e.involvedObject.fieldPath ?? '') + e.type + e.reason + e.message;
}

/** flowcontrol's token bucket (golang.org/x/time/rate): starts full, refills continuously. */
class TokenBucket {
  private tokens: number;
  constructor(
    private readonly qps: number,
    private readonly burst: number,
    private last: number,
  ) {
    this.tokens = burst;
  }

  tryAccept(now: number): boolean {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface AggregateRecord {
  /** The set of local keys (messages), kept as one string until a second one arrives. */
  first: string;
  more: Set<string> | null;
  lastTimestamp: number;
}

interface EventLog {
  count: number;
  firstTimestamp: number;
  name: string;
}

export class EventCorrelator {
  private readonly ids = new ObjectIds();
  private readonly aggregates = new Lru<AggregateRecord>(MAX_LRU_CACHE_ENTRIES);
  private readonly logs = new Lru<EventLog>(MAX_LRU_CACHE_ENTRIES);
  private readonly spam = new Lru<TokenBucket>(MAX_LRU_CACHE_ENTRIES);
  /** type + reason → the aggregate key's rest, one string instance each (hashed once). */
  private readonly aggRests = new Map<string, { rc: string; ri: string; rest: string }>();

  /**
   * EventCorrelate. `now` is virtual ms; `newName` names an event that is new to the server
   * (the recorder's `<object>.<hex nanos>`), asked only when one is needed.
   */
  correlate(ev: CorrelatedEvent, now: number, newName: () => string): CorrelateResult {
    const oid = this.ids.id(ev);
    // The spam key's rest; the combined event keeps the source, object, type and reason, so it
    // has the same spam key.
    const spamRest = ev.type + ev.reason;
    const aggregated = this.aggregate(ev, oid, spamRest, now, newName);
    const observed = this.observe(aggregated, oid, this.aggregatedKey, aggregated !== ev, newName);
    if (this.filter(oid, spamRest, now)) return { skip: true, update: false };
    return { skip: false, event: observed, update: observed.count > 1 };
  }

  /** UpdateState: remember what the server returned, under the event's own full key. */
  updateState(ev: CorrelatedEvent): void {
    const oid = this.ids.id(ev);
    const key = ev.key ?? eventRest(ev);
    const log = this.logs.peek(oid, key);
    if (log) {
      log.count = ev.count;
      log.firstTimestamp = ev.firstTimestamp;
      log.name = ev.name;
      this.logs.add(oid, key, log);
    } else {
      this.logs.add(oid, key, { count: ev.count, firstTimestamp: ev.firstTimestamp, name: ev.name });
    }
  }

  private aggregateRest(spamRest: string, ev: CorrelatedEvent): string {
    const c = this.aggRests.get(spamRest);
    if (c && c.rc === ev.reportingComponent && c.ri === ev.reportingInstance) return c.rest;
    if (this.aggRests.size >= MAX_LRU_CACHE_ENTRIES) this.aggRests.clear();
    const rest = 'a' + spamRest + ev.reportingComponent + ev.reportingInstance;
    this.aggRests.set(spamRest, { rc: ev.reportingComponent, ri: ev.reportingInstance, rest });
    return rest;
  }

  /** The key aggregate() answered its event under (a field, not a tuple per event). */
  private aggregatedKey = '';

  private aggregate(ev: CorrelatedEvent, oid: string, spamRest: string, now: number, newName: () => string): CorrelatedEvent {
    const full = eventRest(ev);
    ev.key = full;
    const aggKey = this.aggregateRest(spamRest, ev);
    const localKey = ev.message;
    let rec = this.aggregates.peek(oid, aggKey);
    if (!rec || now - rec.lastTimestamp > AGGREGATE_INTERVAL_MS) {
      rec = { first: localKey, more: null, lastTimestamp: now };
    } else if (rec.more) {
      rec.more.add(localKey);
    } else if (rec.first !== localKey) {
      rec.more = new Set([rec.first, localKey]);
    }
    rec.lastTimestamp = now;
    this.aggregates.add(oid, aggKey, rec);
    if (!rec.more || rec.more.size < AGGREGATE_MAX_EVENTS) {
      this.aggregatedKey = full;
      return ev;
    }
    // Keep the set below the threshold (upstream pops an arbitrary key; the oldest here).
    rec.more.delete(rec.more.values().next().value as string);
    const combined: CorrelatedEvent = {
      ...ev,
      key: undefined,
      name: newName(),
      message: COMBINED_PREFIX + ev.message,
      // Upstream's aggregate event carries no reporting fields.
      reportingComponent: '',
      reportingInstance: '',
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    this.aggregatedKey = aggKey;
    return combined;
  }

  /** `own`: ev is the correlator's own (the combined event), so it is updated rather than copied. */
  private observe(ev: CorrelatedEvent, oid: string, key: string, own: boolean, newName: () => string): CorrelatedEvent {
    const last = this.logs.peek(oid, key);
    if (last && last.count > 0) {
      let out: CorrelatedEvent;
      if (own) {
        out = ev;
        out.name = last.name;
        out.firstTimestamp = last.firstTimestamp;
        out.count = last.count + 1;
      } else {
        out = { ...ev, name: last.name, firstTimestamp: last.firstTimestamp, count: last.count + 1 };
      }
      last.count = out.count;
      this.logs.add(oid, key, last);
      return out;
    }
    if (!ev.name) ev.name = newName();
    this.logs.add(oid, key, { count: ev.count, firstTimestamp: ev.firstTimestamp, name: ev.name });
    return ev;
  }

  /** EventSourceObjectSpamFilter.Filter: true when the event must be dropped. */
  private filter(oid: string, rest: string, now: number): boolean {
    let bucket = this.spam.peek(oid, rest);
    if (!bucket) bucket = new TokenBucket(SPAM_QPS, SPAM_BURST, now);
    const drop = !bucket.tryAccept(now);
    this.spam.add(oid, rest, bucket);
    return drop;
  }
}
