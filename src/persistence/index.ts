// Persistence for the worker: IndexedDB (idb) with an in-memory fallback, write-behind, export and
// import, share links, and one owner per playground across tabs. Imports only src/api.
export * from './types';
export { openStore, memoryStore, DEFAULT_LEARNER, type PersistenceStore, type OpenOptions, type CreateOptions, type LoadedSnapshot, type SaveInfo } from './store';
export { WriteBehind, type WriteBehindOptions, type FlushResult, type FlushStats, type WriteBehindStats } from './writebehind';
export * from './exportimport';
export { acquirePlayground, MemoryLockManager, lockName, type Lease, type Acquired, type OwnershipOptions, type LostReason } from './lock';
export { benchPersistence, syntheticState, type BenchResult, type BenchOptions } from './bench';
export { DB_NAME, DB_VERSION, MIGRATIONS } from './schema';
export { validateState, validateCluster, validateFiles, validateProgress, checkJsonSafety } from './validate';
