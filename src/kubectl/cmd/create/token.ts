// kubectl create token SERVICE_ACCOUNT_NAME: POSTs an authentication.k8s.io/v1 TokenRequest to
// the service account's token subresource and prints the token (no newline, as kubectl does)
// or, with -o, the TokenRequest.
import type { KubeObject } from '../../../api/types';
import { F, type CmdContext, type CommandSpec } from '../../command';
import type { ApiResource } from '../../discovery';
import { CmdError, ServerError } from '../../errors';
import { resultPrinter, send } from '../../apply/common';
import { outputFlag } from './flags';

const BOUND_KINDS = ['Node', 'Pod', 'Secret'];

/** The TokenRequest, for printing its kind prefix (tokenrequest.authentication.k8s.io). */
const TOKEN_REQUEST: ApiResource = {
  group: 'authentication.k8s.io',
  version: 'v1',
  resource: 'tokenrequests',
  singular: 'tokenrequest',
  kind: 'TokenRequest',
  namespaced: true,
  verbs: ['create'],
  shortNames: [],
  categories: [],
  subresources: [],
};

export const tokenCommand: CommandSpec = {
  name: 'token',
  short: 'Request a service account token',
  long: 'Request a service account token.',
  example: `  # Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace
  kubectl create token myapp
  
  # Request a token for a service account in a custom namespace
  kubectl create token myapp --namespace myns
  
  # Request a token with a custom expiration
  kubectl create token myapp --duration 10m
  
  # Request a token with a custom audience
  kubectl create token myapp --audience https://example.com
  
  # Request a token bound to an instance of a Secret object
  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret
  
  # Request a token bound to an instance of a Secret object with a specific UID
  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc`,
  usage: 'create token SERVICE_ACCOUNT_NAME [options]',
  flags: [
    F.allowMissingTemplateKeys,
    { name: 'audience', type: 'stringArray', usage: 'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.' },
    { name: 'bound-object-kind', type: 'string', usage: 'Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.' },
    { name: 'bound-object-name', type: 'string', usage: 'Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.' },
    { name: 'bound-object-uid', type: 'string', usage: 'UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.' },
    { name: 'duration', type: 'duration', usage: 'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.' },
    outputFlag,
    F.showManagedFields,
    F.template,
  ],
  run: runCreateToken,
};

/** TokenOptions.Validate, in its order. */
function validate(ctx: CmdContext): void {
  const { flags } = ctx;
  const ms = flags.int('duration');
  if (ms < 0) throw new CmdError('--duration must be greater than or equal to 0');
  if (ms % 1000 !== 0) throw new CmdError('--duration cannot be expressed in units less than seconds');
  const kind = flags.str('bound-object-kind');
  if (!kind) {
    if (flags.str('bound-object-name')) throw new CmdError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (flags.str('bound-object-uid')) throw new CmdError('--bound-object-uid can only be set if --bound-object-kind is provided');
    return;
  }
  if (!BOUND_KINDS.includes(kind)) throw new CmdError(`supported --bound-object-kind values are ${BOUND_KINDS.join(', ')}`);
  if (!flags.str('bound-object-name')) throw new CmdError('--bound-object-name is required if --bound-object-kind is provided');
}

async function runCreateToken(ctx: CmdContext): Promise<number> {
  if (ctx.args.length !== 1) throw new CmdError(`exactly one NAME is required, got ${ctx.args.length}\nSee 'kubectl ${ctx.path} -h' for help and examples`);
  validate(ctx);
  const { flags } = ctx;
  const printer = resultPrinter(ctx);
  const audiences = flags.list('audience');
  const ms = flags.int('duration');
  const kind = flags.str('bound-object-kind');
  const spec: Record<string, unknown> = {
    audiences: audiences.length ? audiences : null,
    expirationSeconds: ms > 0 ? ms / 1000 : null,
    boundObjectRef: kind ? { kind, apiVersion: 'v1', name: flags.str('bound-object-name'), ...(flags.str('bound-object-uid') ? { uid: flags.str('bound-object-uid') } : {}) } : null,
  };
  const body = { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { token: '', expirationTimestamp: null } };
  let tr: KubeObject;
  try {
    const res = await send(ctx, {
      verb: 'POST',
      path: `/api/v1/namespaces/${ctx.namespace}/serviceaccounts/${encodeURIComponent(ctx.args[0])}/token`,
      body,
      contentType: 'application/json',
    });
    tr = res.body as KubeObject;
  } catch (e) {
    if (e instanceof ServerError) throw new CmdError(`failed to create token: ${e.status.message ?? ''}`);
    throw e;
  }
  if (!printer.format) {
    ctx.out(String((tr as unknown as { status?: { token?: string } }).status?.token ?? ''));
    return 0;
  }
  printer.print(TOKEN_REQUEST, tr, 'created');
  return 0;
}
