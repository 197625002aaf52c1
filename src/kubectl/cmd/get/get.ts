// kubectl get: human tables from the server's Tables; -o yaml|json|name|jsonpath|go-template|
// custom-columns from the objects; -w to watch; errors and "No resources found" as kubectl.
import type { KubeObject } from '../../../api/types';
import { F, type CmdContext, type CommandSpec } from '../../command';
import { CmdError, ServerError, formatError } from '../../errors';
import { collectionPath, objectPath, TABLE_ACCEPT } from '../../factory';
import { kindPrefix, selectFromArgs, selectFromFiles, type Target } from '../../resources';
import { parseOutputFormat, printObjects, sortObjects, type OutputFormat } from '../../output';
import { tableRows, type ServerTable, type TableOptions } from './table';
import { tabwrite } from '../../printers/tabwriter';
import { watchTargets } from './watch';

const REQUIRED = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

export const getCommand: CommandSpec = {
  name: 'get',
  group: 'Basic Commands (Intermediate)',
  short: 'Display one or many resources',
  long: `Show one or more resources.

 By default the output is a table from the server with the most useful columns of each type. Use -o wide for more columns, -o yaml or -o json for whole objects, -o name for TYPE/NAME lines, or -o jsonpath, -o go-template and -o custom-columns to pick fields.

 Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # List all pods in the current namespace, with more columns
  kubectl get pods -o wide

  # List one deployment in YAML
  kubectl get deployment web -o yaml

  # List pods and services together
  kubectl get pods,services

  # List pods with the label app=web across all namespaces
  kubectl get pods -l app=web -A

  # Print only pod names, one per line
  kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`,
  usage: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    F.allNamespaces,
    F.selector,
    F.fieldSelector,
    F.filename,
    F.recursive,
    F.output,
    F.template,
    F.showManagedFields,
    F.allowMissingTemplateKeys,
    { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
    { name: 'output-watch-events', type: 'bool', usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column)' },
    { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'label-columns', shorthand: 'L', type: 'stringSlice', usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { name: 'no-headers', type: 'bool', usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: 'ignore-not-found', type: 'bool', usage: 'If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable.' },
    { name: 'raw', type: 'string', usage: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.' },
    { name: 'subresource', type: 'string', usage: 'If specified, gets the subresource of the requested object.' },
  ],
  run: runGet,
};

async function runGet(ctx: CmdContext): Promise<number> {
  const { flags, f } = ctx;
  if (flags.str('raw')) {
    const res = await f.request({ verb: 'GET', path: flags.str('raw') });
    ctx.out(typeof res.body === 'string' ? res.body : JSON.stringify(res.body) + '\n');
    return 0;
  }
  const files = flags.list('filename');
  if (!ctx.args.length && !files.length) {
    ctx.err(REQUIRED + '\n');
    return 1;
  }
  if (files.length && ctx.args.length) throw new CmdError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const all = flags.bool('all-namespaces');
  const ns = all ? undefined : ctx.namespace;
  const format = parseOutputFormat(flags.str('output'), flags.str('template'));
  const sel = files.length
    ? { targets: await selectFromFiles(f, files, ctx.namespace, ctx.explicitNamespace, flags.bool('recursive')), multipleTypes: true, named: true }
    : await selectFromArgs(f, ctx.args, ns);
  const query: Record<string, string> = {};
  if (flags.str('selector')) query.labelSelector = flags.str('selector');
  if (flags.str('field-selector')) query.fieldSelector = flags.str('field-selector');
  if (sel.named && (query.labelSelector || query.fieldSelector) && !files.length) {
    throw new CmdError('when paths, URLs, or stdin is provided as input, you may not specify a resource by argument as well');
  }

  if (flags.bool('watch') || flags.bool('watch-only')) return watchTargets(ctx, sel.targets, ns, query, format, sel.multipleTypes);

  let failed = false;
  const ignoreNotFound = flags.bool('ignore-not-found');
  const reportError = (e: unknown) => {
    if (ignoreNotFound && e instanceof ServerError && e.status.code === 404) return;
    failed = true;
    ctx.err(formatError(e) + '\n');
  };

  if (format.kind === 'table') {
    const printed = await printTables(ctx, sel.targets, sel.multipleTypes || flags.bool('show-kind'), all, query, format.wide, reportError);
    if (!printed && !sel.named && !failed) {
      ctx.err(all || !ns ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    }
    return failed ? 1 : 0;
  }

  // Object output: gather objects, then print them as one item or a List.
  const objects: KubeObject[] = [];
  for (const t of sel.targets) {
    try {
      if (t.name !== undefined) {
        objects.push(withTypeMeta((await f.request({ verb: 'GET', path: objectPath(t.resource, t.name, t.namespace) })).body as KubeObject, t));
      } else {
        const list = (await f.request({ verb: 'GET', path: collectionPath(t.resource, t.namespace), query })).body as { items: KubeObject[] };
        for (const o of list.items) objects.push(withTypeMeta(o, t));
      }
    } catch (e) {
      reportError(e);
    }
  }
  const sortBy = flags.str('sort-by');
  const sorted = sortBy ? sortObjects(objects, sortBy) : objects;
  const single = sel.named && sel.targets.length === 1 && sorted.length === 1;
  if (!sorted.length && !sel.named && !failed) {
    ctx.err(all || !ns ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    return 0;
  }
  if (sorted.length || single) {
    ctx.out(
      printObjects(format, sorted, {
        single,
        noHeaders: flags.bool('no-headers'),
        allowMissingKeys: flags.bool('allow-missing-template-keys'),
        showManagedFields: flags.bool('show-managed-fields'),
        prefixOf: (o) => {
          const t = sel.targets.find((x) => x.resource.kind === o.kind) ?? sel.targets[0];
          return kindPrefix(t.resource);
        },
        readFile: (p) => ctx.io.readFile(p),
      }),
    );
  }
  return failed ? 1 : 0;
}

function withTypeMeta(o: KubeObject, t: Target): KubeObject {
  if (o.apiVersion && o.kind) return o;
  const apiVersion = t.resource.group ? `${t.resource.group}/${t.resource.version}` : t.resource.version;
  return { apiVersion, kind: t.resource.kind, ...o };
}

/** Human output: one table per resource type, sections separated by a blank line. */
async function printTables(
  ctx: CmdContext,
  targets: Target[],
  withKind: boolean,
  allNamespaces: boolean,
  query: Record<string, string>,
  wide: boolean,
  reportError: (e: unknown) => void,
): Promise<boolean> {
  const { flags, f } = ctx;
  const sortBy = flags.str('sort-by');
  const q: Record<string, string> = { ...query };
  if (sortBy) q.includeObject = 'Object';
  else if (!Object.keys(query).length) q.limit = '500';
  // Several names of one type print as one table, as the builder groups them.
  const groups: { key: string; targets: Target[] }[] = [];
  for (const t of targets) {
    const key = `${t.resource.group}/${t.resource.resource}`;
    const last = groups[groups.length - 1];
    if (last && last.key === key && t.name !== undefined && last.targets[0].name !== undefined) last.targets.push(t);
    else groups.push({ key, targets: [t] });
  }
  let printedSections = 0;
  let printedAny = false;
  for (const g of groups) {
    let table: ServerTable | undefined;
    for (const t of g.targets) {
      try {
        const path = t.name !== undefined ? objectPath(t.resource, t.name, t.namespace) : collectionPath(t.resource, t.namespace);
        const res = await f.request({ verb: 'GET', path, query: t.name !== undefined ? {} : q, accept: TABLE_ACCEPT });
        const part = res.body as ServerTable;
        if (!table) table = { columnDefinitions: part.columnDefinitions, rows: [...(part.rows ?? [])] };
        else table.rows!.push(...(part.rows ?? []));
      } catch (e) {
        reportError(e);
      }
    }
    if (!table || !table.rows?.length) continue;
    let rows = table.rows;
    if (sortBy) rows = sortRows(rows, sortBy);
    const opts: TableOptions = {
      wide,
      withNamespace: allNamespaces && g.targets[0].resource.namespaced,
      kindPrefix: withKind ? kindPrefix(g.targets[0].resource) : undefined,
      showLabels: flags.bool('show-labels'),
      labelColumns: flags.list('label-columns'),
      noHeaders: flags.bool('no-headers'),
    };
    const cells = tableRows(table.columnDefinitions ?? [], rows, opts, true);
    if (printedSections) ctx.out('\n');
    ctx.out(tabwrite(cells));
    printedSections++;
    printedAny = true;
  }
  return printedAny;
}

function sortRows(rows: { cells: unknown[]; object?: KubeObject }[], sortBy: string) {
  const objs = rows.map((r) => r.object as KubeObject);
  // Row of each object, the first for an object met twice (as indexOf gave; a Map, not O(n²)).
  const rowOf = new Map<KubeObject, number>();
  objs.forEach((o, i) => rowOf.has(o) || rowOf.set(o, i));
  return sortObjects(objs, sortBy).map((o) => rows[rowOf.get(o)!]);
}

export type { OutputFormat };
