// Public surface of the store package.
export { Store, DEFAULT_HISTORY_LIMIT } from './store';
export { StoreError, isStoreError, type StoreErrorCode } from './errors';
export { matchesSelector, matchesRequirement } from './match';
export type * from './types';
