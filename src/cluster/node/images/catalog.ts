// The images a simulated registry serves. Anything else fails to pull with containerd's message.
import { BOOTCAMP_IMAGES } from './bootcamp';
import { NGINX } from './nginx';
import { AGNHOST, BUSYBOX, HELLO_APP, HTTPD, PAUSE } from './others';
import { MYSQL, POSTGRES, REDIS } from './databases';
import { SYSTEM_IMAGES } from './system';
import { normalizeImage, type ImageRef } from './ref';
import type { ImageDef, TagInfo } from './types';

export const CATALOG: ImageDef[] = [...BOOTCAMP_IMAGES, NGINX, HTTPD, BUSYBOX, REDIS, POSTGRES, MYSQL, HELLO_APP, AGNHOST, PAUSE, ...SYSTEM_IMAGES];

const byRepo = new Map(CATALOG.map((i) => [i.repository, i]));

export interface ResolvedImage {
  ref: ImageRef;
  image: ImageDef;
  tag: string;
  info: TagInfo;
  /** repository@sha256:... as containerd reports imageID. */
  imageID: string;
}

export type Resolution = { ok: true; image: ResolvedImage } | { ok: false; code: 'NotFound' | 'Unknown'; message: string };

/** Resolves a reference the way a registry would answer a pull. */
export function resolveImage(image: string): Resolution {
  const ref = normalizeImage(image);
  const def = byRepo.get(ref.repository);
  const shown = ref.full;
  if (!def) {
    return {
      ok: false,
      code: 'Unknown',
      message: `failed to pull and unpack image "${shown}": failed to resolve reference "${shown}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  let tag = ref.tag;
  let info = tag ? def.tags[tag] : undefined;
  if (!tag && ref.digest) {
    const found = Object.entries(def.tags).find(([, t]) => t.digest === ref.digest);
    if (found) [tag, info] = found;
  }
  if (!info) {
    return { ok: false, code: 'NotFound', message: `failed to pull and unpack image "${shown}": failed to resolve reference "${shown}": ${shown}: not found` };
  }
  return { ok: true, image: { ref, image: def, tag, info, imageID: `${ref.repository}@${info.digest}` } };
}

/** The error text kubelet reports for a failed pull (rpc error as containerd's CRI returns it). */
export function pullErrorMessage(r: Extract<Resolution, { ok: false }>): string {
  return `rpc error: code = ${r.code} desc = ${r.message}`;
}
