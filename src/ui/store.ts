// The page's own connection to the kubeplay database (src/persistence), opened on first use after
// the first screen: the playground menu lists, renames and deletes playgrounds here, a shared
// link or an imported file becomes a new playground here, and lesson progress lives here. The
// worker keeps its own connection for the current playground's state; IndexedDB orders the two.
import { openStore, type PersistenceStore } from '../persistence';
import { firstPromptShown } from './first-prompt';

let opening: Promise<PersistenceStore> | undefined;

/**
 * Waits for the first prompt: on a first visit the page's open would create the database and
 * hold the worker's own open (and so the prompt) behind its upgrade.
 */
export function pageStore(): Promise<PersistenceStore> {
  return (opening ??= firstPromptShown(3000).then(() => openStore()));
}
