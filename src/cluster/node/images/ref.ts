// Image references normalised as containerd does: `nginx` → docker.io/library/nginx:latest,
// `user/app:1` → docker.io/user/app:1, `gcr.io/x/y` keeps its registry.

export interface ImageRef {
  /** docker.io/library/nginx */
  repository: string;
  /** 1.27, or '' when pinned by digest only */
  tag: string;
  digest?: string;
  /** docker.io/library/nginx:1.27 (or repository@digest) */
  full: string;
}

export function normalizeImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0];
  const hasDomain = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasDomain ? rest : `docker.io/${rest}`;
  if (!hasDomain && !rest.includes('/')) repository = `docker.io/library/${rest}`;
  if (!tag && !digest) tag = 'latest';
  const full = digest && !tag ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { repository, tag, digest, full };
}

/** The imagePullPolicy default when the spec has none: Always for :latest or no tag. */
export function defaultPullPolicy(image: string): string {
  const r = normalizeImage(image);
  return r.tag === 'latest' && !r.digest ? 'Always' : 'IfNotPresent';
}
