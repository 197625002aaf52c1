// Simulated nodes: kubelets (stages on the virtual clock), container runtime, images catalog.
export { startNodes, parseUrl, type NodeFleet } from './fleet';
export { Kubelet, STOPPED_ANNOTATION, LEASE_RENEW_MS } from './kubelet';
export type { HttpNetwork, HttpRequest, HttpResponse, HttpResult, HttpError, HttpOptions, PodRuntime } from './types';
export { isHttpError } from './types';
export { CATALOG, resolveImage } from './images/catalog';
export { normalizeImage, defaultPullPolicy } from './images/ref';
export { STAGES, type Stage, type StageEnv } from './stages';
