// The scale client side of the HPA controller: scaleTargetRef → REST mapping (group from its
// apiVersion, the kind) → GET and PUT of the target's autoscaling/v1 Scale subresource.
import type { ApiHandler } from '../../../api/client';
import { RESOURCES, objectPath, type ResourceInfo } from '../../../api/registry';
import { StatusError, isStatus } from '../../../api/status';
import type { ClusterClient } from '../../machinery/client';
import type { HPA, Scale } from './types';

/** schema.ParseGroupVersion's group, or its error text. */
export function parseGroup(apiVersion: string | undefined): string | Error {
  const gv = apiVersion ?? '';
  if (gv === '' || gv === '/') return '';
  const parts = gv.split('/');
  if (parts.length === 1) return '';
  if (parts.length === 2) return parts[0]!;
  return new Error(`unexpected GroupVersion string: ${gv}`);
}

/** RESTMapper.RESTMappings for a group and kind: the served resource, or NoKindMatchError's text. */
export function restMapping(group: string, kind: string): ResourceInfo | Error {
  const r = RESOURCES.find((x) => x.group === group && x.kind === kind);
  return r ?? new Error(`no matches for kind "${kind}" in group "${group}"`);
}

export class ScaleClient {
  constructor(
    private readonly api: ApiHandler,
    private readonly client: ClusterClient,
  ) {}

  /** GET …/scale; throws the apiserver's Status as a StatusError. */
  get(r: ResourceInfo, namespace: string, name: string): Scale {
    const res = this.api.handle({ verb: 'GET', path: `${objectPath(r, name, namespace)}/scale` });
    if (res.status >= 300) {
      if (isStatus(res.body)) throw new StatusError(res.body);
      throw new Error(`the server could not find the requested resource`);
    }
    return res.body as Scale;
  }

  /** PUT …/scale with the Scale read before (its resourceVersion guards the write). */
  update(r: ResourceInfo, scale: Scale): Scale {
    const key = r.group ? `${r.resource}.${r.group}` : r.resource;
    return this.client.putSubresource(key, scale, 'scale') as Scale;
  }
}

/** `Kind/namespace/name`, how the controller names a target in its errors. */
export function targetReference(hpa: HPA): string {
  const ref = hpa.spec.scaleTargetRef;
  return `${ref.kind}/${hpa.metadata.namespace}/${ref.name}`;
}
