// The messages between the page and the cluster worker: a handful of typed requests, each
// answered once by id, plus unsolicited events. The only contract the UI and the worker share.
import type { ApiRequest, ApiResponse } from '../api/client';

export type ToWorker =
  | { id: number; type: 'api'; request: ApiRequest }
  | { id: number; type: 'ping' };

export type FromWorker =
  | { id: number; type: 'api'; response: ApiResponse }
  | { id: number; type: 'pong'; virtualNow: number }
  | { id: number; type: 'error'; message: string };
