// Operation parameters as kube-apiserver's OpenAPI v3 documents declare them (inline, per operation).

export interface Parameter {
  description: string;
  in: 'query' | 'path';
  name: string;
  required?: boolean;
  schema: { type: 'string' | 'integer' | 'boolean'; uniqueItems: true };
}

function q(name: string, type: Parameter['schema']['type'], description: string): Parameter {
  return { description, in: 'query', name, schema: { type, uniqueItems: true } };
}
function p(name: string, description: string): Parameter {
  return { description, in: 'path', name, required: true, schema: { type: 'string', uniqueItems: true } };
}

export const NAME = (kind: string): Parameter => p('name', `name of the ${kind}`);
export const NAMESPACE = p('namespace', 'object name and auth scope, such as for teams and projects');
export const PRETTY = q('pretty', 'string', "If 'true', then the output is pretty printed.");

export const DRY_RUN = q(
  'dryRun',
  'string',
  'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
);
export const FIELD_MANAGER = q(
  'fieldManager',
  'string',
  'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters.',
);
export const FIELD_VALIDATION = q(
  'fieldValidation',
  'string',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: unknown fields are silently dropped and all but the last duplicate field are ignored. - Warn: a warning is sent for each unknown or duplicate field; the request still succeeds. This is the default. - Strict: the request fails with a BadRequest error listing every unknown and duplicate field.',
);
export const FORCE = q(
  'force',
  'boolean',
  'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.',
);

export const GRACE_PERIOD = q(
  'gracePeriodSeconds',
  'integer',
  'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used.',
);
export const ORPHAN = q(
  'orphanDependents',
  'boolean',
  'Deprecated: please use the PropagationPolicy. Should the dependent objects be orphaned.',
);
export const PROPAGATION = q(
  'propagationPolicy',
  'string',
  "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'.",
);

const LIST_ONLY = [
  q('allowWatchBookmarks', 'boolean', 'allowWatchBookmarks requests watch events with type "BOOKMARK".'),
  q('continue', 'string', 'The continue option should be set when retrieving more results from the server.'),
  q('fieldSelector', 'string', 'A selector to restrict the list of returned objects by their fields. Defaults to everything.'),
  q('labelSelector', 'string', 'A selector to restrict the list of returned objects by their labels. Defaults to everything.'),
  q('limit', 'integer', 'limit is a maximum number of responses to return for a list call.'),
  q('resourceVersion', 'string', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
  q('resourceVersionMatch', 'string', 'resourceVersionMatch determines how resourceVersion is applied to list calls.'),
  q('sendInitialEvents', 'boolean', '`sendInitialEvents=true` may be set together with `watch=true`.'),
  q('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  q('watch', 'boolean', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.'),
];

/** Query parameters of list and watch operations, sorted as the real documents list them. */
export const LIST_PARAMS: Parameter[] = LIST_ONLY;

export const CREATE_PARAMS: Parameter[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
export const UPDATE_PARAMS: Parameter[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
export const PATCH_PARAMS: Parameter[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE];
export const DELETE_PARAMS: Parameter[] = [DRY_RUN, GRACE_PERIOD, ORPHAN, PROPAGATION];
export const DELETE_COLLECTION_PARAMS: Parameter[] = [
  LIST_ONLY[1],
  DRY_RUN,
  LIST_ONLY[2],
  GRACE_PERIOD,
  LIST_ONLY[3],
  LIST_ONLY[4],
  ORPHAN,
  PROPAGATION,
  LIST_ONLY[5],
  LIST_ONLY[6],
  LIST_ONLY[7],
  LIST_ONLY[8],
];

export const LOG_PARAMS: Parameter[] = [
  q('container', 'string', 'The container for which to stream logs. Defaults to only container if there is one container in the pod.'),
  q('follow', 'boolean', 'Follow the log stream of the pod. Defaults to false.'),
  q('insecureSkipTLSVerifyBackend', 'boolean', 'insecureSkipTLSVerifyBackend indicates that the apiserver should not confirm the validity of the serving certificate of the backend it is connecting to.'),
  q('limitBytes', 'integer', 'If set, the number of bytes to read from the server before terminating the log output.'),
  q('previous', 'boolean', 'Return previous terminated container logs. Defaults to false.'),
  q('sinceSeconds', 'integer', 'A relative time in seconds before the current time from which to show logs.'),
  q('stream', 'string', 'Specify which container log stream to return to the client. Acceptable values are "All", "Stdout" and "Stderr".'),
  q('tailLines', 'integer', 'If set, the number of lines from the end of the logs to show.'),
  q('timestamps', 'boolean', 'If true, add an RFC3339 or RFC3339Nano timestamp at the beginning of every line of log output. Defaults to false.'),
];

export const EXEC_PARAMS: Parameter[] = [
  q('command', 'string', 'Command is the remote command to execute. argv array. Not executed within a shell.'),
  q('container', 'string', 'Container in which to execute the command. Defaults to only container if there is only one container in the pod.'),
  q('stderr', 'boolean', 'Redirect the standard error stream of the pod for this call.'),
  q('stdin', 'boolean', 'Redirect the standard input stream of the pod for this call. Defaults to false.'),
  q('stdout', 'boolean', 'Redirect the standard output stream of the pod for this call.'),
  q('tty', 'boolean', 'TTY if true indicates that a tty will be allocated for the exec call. Defaults to false.'),
];
