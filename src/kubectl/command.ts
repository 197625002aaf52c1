// The command tree: each verb declares its flags, help texts and run function.
import type { FlagDef, Flags } from './flags';
import type { Factory } from './factory';
import type { KubectlIO } from './io';

export interface CmdContext {
  f: Factory;
  io: KubectlIO;
  flags: Flags;
  args: string[];
  /** -n, or the context's namespace. */
  namespace: string;
  /** Whether -n was given (some commands refuse a namespace mismatch only then). */
  explicitNamespace: boolean;
  /** The command path, e.g. `rollout status`, for messages (`See 'kubectl rollout status -h'`). */
  path: string;
  out(text: string): void;
  err(text: string): void;
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** One line, shown in `kubectl --help` and the parent's command list. */
  short: string;
  long?: string;
  example?: string;
  /** After `kubectl `: e.g. `get [(-o|--output=)...] (TYPE[.VERSION][.GROUP] [NAME | -l label] ...) [flags] [options]`. */
  usage: string;
  flags?: FlagDef[];
  subcommands?: CommandSpec[];
  /** kubectl's help groups the root commands under these headings. */
  group?: string;
  run?(ctx: CmdContext): Promise<number | void>;
}

/** Shared flag definitions, so one flag reads the same everywhere. */
export const F = {
  allNamespaces: { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' } as FlagDef,
  selector: { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.' } as FlagDef,
  fieldSelector: { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." } as FlagDef,
  filename: { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource.' } as FlagDef,
  recursive: { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' } as FlagDef,
  output: { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).' } as FlagDef,
  template: { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' } as FlagDef,
  showManagedFields: { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' } as FlagDef,
  allowMissingTemplateKeys: { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' } as FlagDef,
  dryRun: { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' } as FlagDef,
  fieldManager: { name: 'field-manager', type: 'string', usage: 'Name of the manager used to track field ownership.' } as FlagDef,
  validate: { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' } as FlagDef,
  all: { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types.' } as FlagDef,
  timeout: { name: 'timeout', type: 'duration', usage: 'The length of time to wait before giving up, zero means infinite' } as FlagDef,
  overwrite: { name: 'overwrite', type: 'bool', usage: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.' } as FlagDef,
  record: { name: 'record', type: 'bool', hidden: true, usage: 'Record current kubectl command in the resource annotation.' } as FlagDef,
};

/** Global flags accepted by every command (kubectl options). */
export const GLOBAL_FLAGS: FlagDef[] = [
  { name: 'namespace', shorthand: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'kubeconfig', type: 'string', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
  { name: 'cluster', type: 'string', usage: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', usage: 'The name of the kubeconfig user to use' },
  { name: 'server', shorthand: 's', type: 'string', usage: 'The address and port of the Kubernetes API server' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'The length of time to wait before giving up on a single server request.' },
  { name: 'v', shorthand: 'v', type: 'string', default: '0', usage: 'number for the log level verbosity' },
  { name: 'cache-dir', type: 'string', usage: 'Default cache directory' },
  { name: 'token', type: 'string', usage: 'Bearer token for authentication to the API server' },
  { name: 'insecure-skip-tls-verify', type: 'bool', usage: "If true, the server's certificate will not be checked for validity." },
  { name: 'match-server-version', type: 'bool', usage: 'Require server version to match client version' },
  { name: 'warnings-as-errors', type: 'bool', usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code' },
  { name: 'help', shorthand: 'h', type: 'bool', usage: 'help for this command' },
];
