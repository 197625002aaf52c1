// Public surface of the store package.
export { Store, DEFAULT_HISTORY_LIMIT } from './store';
export { StoreError, isStoreError, NO_SPACE_MESSAGE, type StoreErrorCode } from './errors';
export { BackendQuota, DEFAULT_QUOTA_BACKEND_BYTES, estimateSize } from './quota';
export { matchesSelector, matchesRequirement } from './match';
export type * from './types';
