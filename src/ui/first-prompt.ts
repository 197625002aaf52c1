// The first terminal prompt on screen (xterm-adapter.ts marks it 'terminal-prompt'): work that
// must not compete with the first screen (the service worker's precache, the page's own
// IndexedDB connection) waits for it, or for `latestMs` at most.
const PROMPT_MARK = 'terminal-prompt';

export function firstPromptShown(latestMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (performance.getEntriesByName(PROMPT_MARK, 'mark').length) return resolve();
    const timer = setTimeout(done, latestMs);
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

/** Half a second, then an idle moment (1 s at most): the learner's first keys go before the work. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: 1000 }) : resolve()), 500));
}
