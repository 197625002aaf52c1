// Registers the service worker that sw-plugin.ts generates at build time (dist/sw.js), which
// precaches the whole app so that every later visit works offline. Only in a production build
// (the dev server has no sw.js and must never be shadowed by a cache). Registration waits until
// the first terminal prompt is on screen (or a few seconds at most) and then for an idle moment,
// so that downloading the precache never competes with the first screen. `./sw.js` and scope
// `./` are relative to the page, so the site works from any sub-path (base: './').

import { firstPromptShown } from '../first-prompt';

const LATEST_MS = 5000;

export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return undefined;
  await firstPromptShown(LATEST_MS);
  // Then an idle moment, so the precache download does not compete with the first commands.
  await new Promise<void>((resolve) => ('requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: 3000 }) : setTimeout(resolve, 500)));
  try {
    return await navigator.serviceWorker.register(new URL('./sw.js', document.baseURI), { scope: './' });
  } catch (err) {
    // Offline support is an extra: the app works without it (file://, some private modes).
    console.warn('kubeplay: service worker not registered:', err);
    return undefined;
  }
}
