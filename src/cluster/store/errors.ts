// Store failures carry a machine-readable code and, where the caller needs it to build a
// Kubernetes Status (AlreadyExists, NotFound, Conflict, Gone/Expired), the current object.
import type { KubeObject } from '../../api/types';

export type StoreErrorCode = 'KeyExists' | 'KeyNotFound' | 'Conflict' | 'Expired' | 'NoSpace';

/** etcd's ErrNoSpace text, which kube-apiserver passes through as the Status message. */
export const NO_SPACE_MESSAGE = 'etcdserver: mvcc: database space exceeded';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** The object stored under the key when the error happened (KeyExists, Conflict). */
  readonly current?: KubeObject;

  constructor(code: StoreErrorCode, message: string, current?: KubeObject) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    if (current !== undefined) this.current = current;
  }
}

export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}
