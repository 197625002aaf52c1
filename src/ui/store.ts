// The page's own connection to the kubeplay database (src/persistence), opened on first use after
// the first screen: the playground menu lists, renames and deletes playgrounds here, a shared
// link or an imported file becomes a new playground here, and lesson progress lives here. The
// worker keeps its own connection for the current playground's state; IndexedDB orders the two.
import type { PersistenceStore } from '../persistence';
import { persistence } from './persistence';
import { firstPromptShown, settle } from './first-prompt';

let opening: Promise<PersistenceStore> | undefined;

let hurry: () => void = () => {};
const asked = new Promise<void>((resolve) => (hurry = resolve));

/**
 * Waits for the first prompt: on a first visit the page's open would create the database and
 * hold the worker's own open (and so the prompt) behind its upgrade. Then, for work in the
 * background (reading lesson progress), it waits for the prompt to settle too, since
 * src/persistence (loaded here, ./persistence.ts) is not part of the first screen; what the
 * learner asks for (`asked`: a menu, an import, a lesson step saved) goes at once.
 */
export function pageStore(o: { asked?: boolean } = {}): Promise<PersistenceStore> {
  if (o.asked) {
    hurry();
    persistence().catch(() => {}); // its download need not wait for the prompt
  }
  return (opening ??= firstPromptShown(3000)
    .then(() => Promise.race([settle(), asked]))
    .then(() => persistence())
    .then((p) => p.openStore()));
}
