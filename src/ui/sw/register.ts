// Registers the service worker that sw-plugin.ts generates at build time (dist/sw.js), which
// precaches the whole app so that every later visit works offline. Only in a production build
// (the dev server has no sw.js and must never be shadowed by a cache). Registration waits until
// the first terminal prompt is on screen (or a few seconds at most) and then for an idle moment,
// so that downloading the precache never competes with the first screen. `./sw.js` and scope
// `./` are relative to the page, so the site works from any sub-path (base: './').

const PROMPT_MARK = 'terminal-prompt';
const LATEST_MS = 5000;

function promptShown(): Promise<void> {
  return new Promise((resolve) => {
    if (performance.getEntriesByName(PROMPT_MARK, 'mark').length) return resolve();
    const timer = setTimeout(done, LATEST_MS);
    let observer: PerformanceObserver | undefined;
    function done() {
      clearTimeout(timer);
      observer?.disconnect();
      resolve();
    }
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName(PROMPT_MARK).length) done();
      });
      observer.observe({ type: 'mark' });
    } catch {
      // No PerformanceObserver for marks: the timer alone decides.
    }
  });
}

export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return undefined;
  await promptShown();
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
