// Our own AbortController (see types.ts for why). Children follow their parent, so a pipeline
// stage can be stopped alone (broken pipe) while Ctrl-C still stops everything.
import type { Signal } from './types';

export class Controller {
  private cbs = new Set<() => void>();
  private _aborted = false;
  readonly signal: Signal;

  constructor(parent?: Signal) {
    const self = this;
    this.signal = {
      get aborted() {
        return self._aborted;
      },
      onAbort(cb) {
        if (self._aborted) {
          safeCall(cb);
          return () => {};
        }
        self.cbs.add(cb);
        return () => self.cbs.delete(cb);
      },
    };
    if (parent) parent.onAbort(() => this.abort());
  }

  get aborted(): boolean {
    return this._aborted;
  }

  abort(): void {
    if (this._aborted) return;
    this._aborted = true;
    const cbs = [...this.cbs];
    this.cbs.clear();
    for (const cb of cbs) safeCall(cb);
  }
}

function safeCall(cb: () => void): void {
  try {
    cb();
  } catch {
    // A listener's failure must not stop the others from hearing the abort.
  }
}

/** A signal that never aborts (for scripts run without a terminal). */
export const neverAborted: Signal = { aborted: false, onAbort: () => () => {} };

/** Resolves when the signal aborts; the returned cancel drops the listener. */
export function whenAborted(signal: Signal): { promise: Promise<void>; cancel: () => void } {
  let cancel = () => {};
  const promise = new Promise<void>((resolve) => {
    cancel = signal.onAbort(resolve);
  });
  return { promise, cancel };
}
