// -o: parsing the output flag and printing objects in the chosen format (cli-runtime's
// PrintFlags): yaml, json, name, jsonpath, jsonpath-as-json, go-template, custom-columns.
import type { KubeObject } from '../api/types';
import { CmdError } from './errors';
import { toYaml } from './printers/yaml';
import { toJson } from './printers/json';
import { parseJsonPath, executeJsonPath, findJsonPathResults, jsonPathParseErrorMessage, jsonPathExecErrorMessage, JsonPathExecError } from './printers/jsonpath';
import { printGoTemplate } from './printers/gotemplate';
import { parseCustomColumnsSpec, parseCustomColumnsTemplate, printCustomColumns, relaxedJsonPathExpression, CustomColumnsError } from './printers/customcolumns';
import { toName } from './printers/name';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  | { kind: 'gotemplate'; template: string }
  | { kind: 'customcolumns'; spec: string };

const FORMATS = 'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide';

/** Parses -o (and --template); `readFile` serves the *-file forms at print time. */
export function parseOutputFormat(o: string, template: string): OutputFormat {
  if (o === '' || o === undefined) return template ? { kind: 'gotemplate', template } : { kind: 'table', wide: false };
  if (o === 'wide') return { kind: 'table', wide: true };
  if (o === 'yaml') return { kind: 'yaml' };
  if (o === 'json') return { kind: 'json' };
  if (o === 'name') return { kind: 'name' };
  const eq = o.indexOf('=');
  const name = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? template : o.slice(eq + 1);
  switch (name) {
    case 'jsonpath':
    case 'jsonpath-as-json':
    case 'jsonpath-file':
      if (!arg) throw new CmdError('template format specified but no template given');
      return { kind: 'jsonpath', template: name === 'jsonpath-file' ? `@file:${arg}` : arg, asJson: name === 'jsonpath-as-json' };
    case 'go-template':
    case 'template':
    case 'go-template-file':
    case 'templatefile':
      if (!arg) throw new CmdError('template format specified but no template given');
      return { kind: 'gotemplate', template: name.endsWith('file') ? `@file:${arg}` : arg };
    case 'custom-columns':
    case 'custom-columns-file':
      if (!arg) throw new CmdError('custom-columns format specified but no custom columns given');
      return { kind: 'customcolumns', spec: name === 'custom-columns-file' ? `@file:${arg}` : arg };
  }
  throw new CmdError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${FORMATS}`);
}

export interface PrintOptions {
  /** One object asked for by name: printed as itself, not inside a List. */
  single: boolean;
  noHeaders: boolean;
  allowMissingKeys: boolean;
  showManagedFields: boolean;
  /** `pod`, `deployment.apps` for -o name. */
  prefixOf(o: KubeObject): string;
  readFile(path: string): string | undefined;
}

function stripManaged(o: KubeObject): KubeObject {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _m, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}

function fileArg(text: string, readFile: (p: string) => string | undefined): string {
  if (!text.startsWith('@file:')) return text;
  const p = text.slice(6);
  const t = readFile(p);
  if (t === undefined) throw new CmdError(`error reading template ${p}, open ${p}: no such file or directory`);
  return t;
}

/** Prints objects in a non-table format; several objects (or a list request) become a List. */
export function printObjects(format: OutputFormat, objects: KubeObject[], o: PrintOptions): string {
  let text = '';
  writeObjects((t) => (text += t), format, objects, o);
  return text;
}

/**
 * Writes objects in a non-table format through `out`. A template that fails to execute writes
 * kubectl's partial output and debugging block first, then throws its error line.
 */
export function writeObjects(out: (text: string) => void, format: OutputFormat, objects: KubeObject[], o: PrintOptions): void {
  const objs = o.showManagedFields ? objects : objects.map(stripManaged);
  const data: unknown = o.single && objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
  switch (format.kind) {
    case 'yaml':
      return out(toYaml(data));
    case 'json':
      return out(toJson(data));
    case 'name':
      // NamePrinter: an object without a name (a TokenRequest) prints as <unknown>.
      return out(objs.map((x) => `${o.prefixOf(x)}/${x.metadata?.name || '<unknown>'}\n`).join(''));
    case 'jsonpath': {
      const template = fileArg(format.template, o.readFile);
      let parsed;
      try {
        parsed = parseJsonPath(template);
      } catch (e) {
        throw new CmdError(jsonPathParseErrorMessage(template, e as Error));
      }
      try {
        return out(executeJsonPath(parsed, data, { allowMissingKeys: o.allowMissingKeys, outputJson: format.asJson }));
      } catch (e) {
        if (e instanceof JsonPathExecError) throw new CmdError(jsonPathExecErrorMessage(template, e, data));
        throw e;
      }
    }
    case 'gotemplate': {
      const res = printGoTemplate(fileArg(format.template, o.readFile), data);
      out(res.stdout);
      if (res.error) throw new CmdError(res.error);
      return;
    }
    case 'customcolumns': {
      try {
        const cols = format.spec.startsWith('@file:') ? parseCustomColumnsTemplate(fileArg(format.spec, o.readFile)) : parseCustomColumnsSpec(format.spec);
        return out(printCustomColumns(cols, objs, { noHeaders: o.noHeaders }));
      } catch (e) {
        if (e instanceof CustomColumnsError) throw new CmdError(e.message);
        throw e;
      }
    }
    case 'table':
      throw new CmdError('a table cannot be printed from objects');
  }
}

/** --sort-by: sorts objects by a jsonpath field (numbers numerically, strings lexically). */
export function sortObjects(objects: KubeObject[], field: string): KubeObject[] {
  let parsed;
  try {
    parsed = parseJsonPath(relaxedJsonPathExpression(field));
  } catch (e) {
    throw new CmdError(jsonPathParseErrorMessage(field, e as Error));
  }
  const keyed = objects.map((o) => {
    const r = findJsonPathResults(parsed, o, { allowMissingKeys: true })[0]?.[0];
    return { o, k: r as unknown };
  });
  keyed.sort((a, b) => {
    if (typeof a.k === 'number' && typeof b.k === 'number') return a.k - b.k;
    if (a.k === undefined) return b.k === undefined ? 0 : -1;
    if (b.k === undefined) return 1;
    const sa = String(a.k);
    const sb = String(b.k);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
  return keyed.map((x) => x.o);
}

export { toName };
