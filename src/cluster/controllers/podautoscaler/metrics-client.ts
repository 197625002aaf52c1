// The metrics clients the HPA controller reads through (pkg/controller/podautoscaler/metrics).
// The playground serves no metrics APIs, like a cluster without metrics-server or a custom
// metrics adapter, so every read fails with the text client-go gives for that cluster. For
// metrics.k8s.io and external.metrics.k8s.io the request reaches the apiserver's last handler
// (notfoundhandler: a plain-text 404, no Status), which client-go words as the generic "could not
// find the requested resource (get <resource>.<group>)"; the external client names the metric as
// its resource. The custom metrics client asks discovery for its group first and fails before any
// request with "no custom metrics API (custom.metrics.k8s.io) registered".
// With no metrics ever read, the replica calculation (replica_calculator.go) has nothing to work
// on and is not written: the methods never return.
export interface MetricsClient {
  /** Pod metrics of `resource` for the pods `selector` picks (metrics.k8s.io). */
  getResourceMetric(resource: string, namespace: string, selector: string, container: string): never;
  /** A per-pod custom metric (custom.metrics.k8s.io). */
  getRawMetric(metric: string, namespace: string, selector: string): never;
  /** A custom metric of one object (custom.metrics.k8s.io). */
  getObjectMetric(metric: string, namespace: string): never;
  /** An external metric (external.metrics.k8s.io). */
  getExternalMetric(metric: string, namespace: string): never;
}

const NO_CUSTOM_METRICS = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';

export class MetricsUnavailable implements MetricsClient {
  getResourceMetric(): never {
    throw new Error('unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)');
  }

  getRawMetric(): never {
    throw new Error(NO_CUSTOM_METRICS);
  }

  getObjectMetric(): never {
    throw new Error(NO_CUSTOM_METRICS);
  }

  getExternalMetric(metric: string): never {
    throw new Error(`unable to fetch metrics from external metrics API: the server could not find the requested resource (get ${metric}.external.metrics.k8s.io)`);
  }
}
