// Producing stored forms: every object the store hands out is its own copy carrying the
// revision that wrote it, frozen when the store is configured to freeze.
import type { KubeObject } from '../../api/types';
import { cloneJson, cloneSharing } from './clone';

/** A private deep copy of a caller's object with metadata.resourceVersion set to `revision`. */
export function stampCopy(obj: KubeObject, revision: number, freeze: boolean): KubeObject {
  return cloneJson({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } }, freeze);
}

/** stampCopy, deep-frozen, sharing the nodes of `prev` (the version replaced) that are unchanged. */
export function stampSharing(obj: KubeObject, revision: number, prev: KubeObject): KubeObject {
  return cloneSharing({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } }, prev);
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
