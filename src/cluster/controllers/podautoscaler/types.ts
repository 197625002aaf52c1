// The autoscaling/v2 shapes the HPA controller reads and writes (the stored version), as plain
// decoded JSON.
import type { KubeObject } from '../../../api/types';

export interface MetricTarget {
  type?: string;
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}

export interface MetricIdentifier {
  name: string;
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
}

export interface MetricSpec {
  type: string;
  resource?: { name: string; target: MetricTarget };
  containerResource?: { name: string; container: string; target: MetricTarget };
  pods?: { metric?: MetricIdentifier; target?: MetricTarget };
  object?: { describedObject?: { apiVersion?: string; kind?: string; name?: string }; metric?: MetricIdentifier; target?: MetricTarget };
  external?: { metric?: MetricIdentifier; target?: MetricTarget };
}

/** Status of one metric; `{type: ""}` (the zero value) for a metric that could not be read. */
export interface MetricStatus {
  type: string;
  resource?: unknown;
  containerResource?: unknown;
}

export interface HPACondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface HPAStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas: number;
  currentMetrics?: MetricStatus[];
  conditions?: HPACondition[];
}

export interface HPA extends KubeObject {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: MetricSpec[];
    behavior?: unknown;
  };
  status?: HPAStatus;
}

/** autoscaling/v1 Scale, as the scale subresource serves it. */
export interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas?: number; selector?: string };
}
