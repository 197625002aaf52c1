// Requests from in-cluster components (controllers, scheduler, kubelets through ClusterClient).
// They are typed clients, like client-go's: what they send is an object of the API's own types,
// never text a user wrote, so it cannot carry unknown or mistyped fields. kube-apiserver's strict
// decoding exists for client text; the apiserver skips that walk for these requests (it was a
// quarter of the cost of a large rollout). Tests can turn `checkInternalFields` on to prove the
// claim: the walk then runs for internal requests as before, and what it finds is collected.
//
// The client also says what the request addresses (the kinds-table row, namespace, name,
// subresource) as it built the path from exactly those, so the server need not parse the path
// back; it resolves every other request from its path as before.
import type { ApiRequest, HttpVerb } from '../../api/client';
import type { ResourceInfo } from '../../api/registry';

export interface InternalRoute {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  /**
   * The body was built for this request alone and the client keeps no reference to it (the
   * event recorder's Events): the server may take it as its private copy instead of copying it.
   */
  owned?: boolean;
  /**
   * A create of the cluster's own bootstrap objects, built from constants (cluster/bootstrap.ts):
   * validation, which they always pass, is skipped (bootstrap.test.ts sends them as a plain
   * client and compares the stored objects); defaulting and the rest are as for any create.
   */
  trusted?: boolean;
}

// A symbol-keyed property on the request object: invisible to JSON, Object.keys and spreads,
// and cheaper than a WeakMap (no ephemeron table for the collector to walk).
const ROUTE = Symbol('internalRoute');

/**
 * A request marked with its route. The route is one of the literal's own properties, so the
 * object is made with room for it (adding it afterwards gave every request a second,
 * out-of-object property store).
 */
export function internalRequest(verb: HttpVerb, path: string, body: unknown, query: Record<string, string> | undefined, contentType: string | undefined, route: InternalRoute): ApiRequest {
  return { verb, path, body, query, contentType, [ROUTE]: route } as ApiRequest;
}

/** The route of a request an in-cluster client sent, or undefined for any other request. */
export function internalRoute(req: object): InternalRoute | undefined {
  return (req as { [ROUTE]?: InternalRoute })[ROUTE];
}

export const internalFieldChecks: { enabled: boolean; findings: string[] } = { enabled: false, findings: [] };
