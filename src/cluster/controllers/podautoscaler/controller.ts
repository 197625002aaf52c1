// The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go): HPA
// informer events queue the key after the sync period (the queue's fixed-interval rate limiter),
// and every processed key is queued again after it, so each HPA is reconciled once per period
// (--horizontal-pod-autoscaler-sync-period, 15 s) whatever happens to it meanwhile.
import type { KubeObject } from '../../../api/types';
import { matchesLabels } from '../../../api/labels';
import type { LabelSelector } from '../../../api/selector-types';
import type { ClusterClient } from '../../machinery/client';
import type { VirtualClock } from '../../machinery/clock';
import type { EventRecorder } from '../../machinery/events';
import { keyOf, type Informer } from '../../machinery/informer';
import { WorkQueue, type SyncResult } from '../../machinery/workqueue';
import type { Component, ControllerContext } from '../context';
import { MetricsUnavailable, type MetricsClient } from './metrics-client';
import { reconcileAutoscaler, type ReconcileDeps } from './reconcile';
import { ScaleClient } from './scale';
import { HPASelectors } from './selectors';
import type { HPA } from './types';

/** The event source component upstream's recorder uses. */
export const CONTROLLER_NAME = 'horizontal-pod-autoscaler';
export const FIELD_MANAGER = 'kube-controller-manager';
/** --horizontal-pod-autoscaler-sync-period's default. */
export const SYNC_PERIOD_MS = 15_000;

export interface HorizontalControllerOptions {
  metrics?: MetricsClient;
  syncPeriodMs?: number;
}

export class HorizontalController implements Component, ReconcileDeps {
  readonly clock: VirtualClock;
  readonly client: ClusterClient;
  readonly recorder: EventRecorder;
  readonly informer: Informer;
  readonly queue: WorkQueue;
  readonly scales: ScaleClient;
  readonly metrics: MetricsClient;
  readonly selectors = new HPASelectors();
  readonly podInformer: Informer;
  readonly syncPeriodMs: number;
  /** Errors reconcile returned (utilruntime.HandleError's log), the latest 100. */
  readonly errors: string[] = [];

  constructor(ctx: ControllerContext, opts: HorizontalControllerOptions = {}) {
    this.clock = ctx.clock;
    this.client = ctx.client(FIELD_MANAGER);
    this.recorder = ctx.recorder(CONTROLLER_NAME);
    this.informer = ctx.informers.for('horizontalpodautoscalers.autoscaling');
    this.podInformer = ctx.informers.for('pods');
    this.scales = new ScaleClient(ctx.api, this.client);
    this.metrics = opts.metrics ?? new MetricsUnavailable();
    this.syncPeriodMs = opts.syncPeriodMs ?? SYNC_PERIOD_MS;
    this.queue = new WorkQueue(ctx.clock, 'horizontalpodautoscaler', (key) => this.reconcileKey(key));
  }

  start(): void {
    this.informer.addEventHandler({
      onAdd: (o) => this.enqueue(o),
      onUpdate: (_old, cur) => this.enqueue(cur),
      onDelete: (o) => {
        this.queue.forget(keyOf(o));
        this.selectors.remove(keyOf(o));
      },
    });
  }

  /** AddRateLimited with the fixed-interval limiter: a pending earlier sync wins. */
  private enqueue(o: KubeObject): void {
    const key = keyOf(o);
    this.selectors.register(key);
    this.queue.addAfter(key, this.syncPeriodMs);
  }

  reconcileKey(key: string): SyncResult {
    const hpa = this.informer.getByKey(key) as HPA | undefined;
    if (!hpa) return; // deleted: not queued again
    const err = reconcileAutoscaler(this, hpa);
    if (err) {
      this.errors.push(err);
      if (this.errors.length > 100) this.errors.shift();
    }
    return { requeueAfterMs: this.syncPeriodMs };
  }

  pods(namespace: string, selector: LabelSelector): KubeObject[] {
    return this.podInformer.list(namespace).filter((p) => matchesLabels(selector, p.metadata.labels));
  }

  now(): string {
    return this.clock.rfc3339();
  }

  event(hpa: HPA, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.event(hpa, type, reason, message);
  }

  warn(hpa: HPA, reason: string, message: string): void {
    this.event(hpa, 'Warning', reason, message);
  }

  writeStatus(hpa: HPA): void {
    this.client.updateStatus('horizontalpodautoscalers.autoscaling', hpa);
  }
}
