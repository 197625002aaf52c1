// src/persistence on the main thread, loaded on first use rather than with the first screen: the
// page needs it only for its own database connection (store.ts: the playground menu, export and
// import, share links, lesson progress), which waits for the first prompt anyway. Value imports
// of '../persistence' in src/ui go through here; type imports are free.
import { loadCatalogue } from './i18n/translate';

export type Persistence = typeof import('../persistence');

let loading: Promise<Persistence> | undefined;

export function persistence(): Promise<Persistence> {
  // What the page does with its database (playground menu, import, share) answers in both
  // languages at once (playgrounds/actions.ts: both), so the Chinese catalogue comes along.
  return (loading ??= Promise.all([import('../persistence'), loadCatalogue('zh')]).then(([p]) => p));
}
