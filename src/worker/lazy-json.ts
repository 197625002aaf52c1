// A JSON file of dist/ that the cluster worker reads on demand instead of carrying it in its
// script: prefetched in the background once the first prompt is out, or read synchronously
// (allowed in workers; offline the service worker answers) by a request that needs it first, so
// the answer is the same, only later.
export interface LazyJson<T> {
  /** The parsed file, synchronously (a blocking read when the prefetch has not finished). */
  load(): T;
  /** Starts loading it in the background; a failure leaves it to load() or the next prefetch. */
  prefetch(): Promise<void>;
}

export function lazyJson<T>(url: string, what: string, valid: (v: T) => boolean): LazyJson<T> {
  let value: T | undefined;
  let pending: Promise<void> | undefined;
  const parse = (text: string): T => {
    const v = JSON.parse(text) as T;
    if (!v || typeof v !== 'object' || !valid(v)) throw new Error(`kubeplay: the ${what} file is damaged`);
    return v;
  };
  return {
    load() {
      if (value) return value;
      const xhr = new XMLHttpRequest();
      xhr.open('GET', url, false);
      xhr.send();
      if (xhr.status !== 200) throw new Error(`kubeplay: could not load the ${what} (${xhr.status} ${xhr.statusText})`);
      return (value = parse(xhr.responseText));
    },
    prefetch() {
      if (value) return Promise.resolve();
      return (pending ??= fetch(url)
        .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${r.statusText}`))))
        .then((text) => void (value ??= parse(text)))
        .catch(() => {
          pending = undefined;
        }));
    },
  };
}
