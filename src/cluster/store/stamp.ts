// Producing stored forms: every object the store hands out is its own copy carrying the
// revision that wrote it, frozen when the store is configured to freeze.
import type { KubeObject } from '../../api/types';
import { cloneJson, freezeOwned } from './clone';

/** A private deep copy of a caller's object with metadata.resourceVersion set to `revision`. */
export function stampCopy(obj: KubeObject, revision: number, freeze: boolean): KubeObject {
  return cloneJson({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } }, freeze);
}

/** The caller's private object, stamped and deep-frozen in place (no copy). */
export function stampOwned(obj: KubeObject, revision: number): KubeObject {
  // In place: an existing resourceVersion keeps its position, a new one goes last, as a spread would.
  if (Object.isFrozen(obj.metadata)) obj.metadata = { ...obj.metadata };
  obj.metadata.resourceVersion = String(revision);
  return freezeOwned(obj);
}

/** A frozen value (cloneSharingDiff's output) with a new resourceVersion, sharing everything else. */
export function restamp(frozen: KubeObject, revision: number): KubeObject {
  const metadata = Object.freeze({ ...frozen.metadata, resourceVersion: String(revision) });
  return Object.freeze({ ...frozen, metadata });
}

/**
 * A stored object re-labelled with another revision (DELETED events). Shallow: nested values are
 * shared with the already stored, immutable original.
 */
export function withResourceVersion(stored: KubeObject, revision: number, freeze: boolean): KubeObject {
  const metadata = { ...stored.metadata, resourceVersion: String(revision) };
  const out: KubeObject = { ...stored, metadata: freeze ? Object.freeze(metadata) : metadata };
  return freeze ? Object.freeze(out) : out;
}
