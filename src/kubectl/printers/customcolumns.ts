// `-o custom-columns=HEADER:JSONPATH,...` and `-o custom-columns-file=FILE` (kubectl
// pkg/cmd/get/customcolumn.go): each column is a relaxed JSONPath evaluated with missing keys
// allowed; `<none>` when it finds nothing; several results joined with commas; aligned by the
// tabwriter.
import { goSprint } from './gofmt';
import { findJsonPathResults, parseJsonPath, type JpList } from './jsonpath';
import { TabWriter } from './tabwriter';

export interface CustomColumn {
  header: string;
  fieldSpec: string;
}

export class CustomColumnsError extends Error {}

const JSON_REGEXP = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** kubectl's RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` → `{.metadata.name}`. */
export function relaxedJsonPathExpression(pathExpression: string): string {
  if (pathExpression.length === 0) return pathExpression;
  const m = JSON_REGEXP.exec(pathExpression);
  if (!m) {
    throw new CustomColumnsError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  const fieldSpec = m[1] !== undefined && m[1].length !== 0 ? m[1] : m[2];
  return `{.${fieldSpec}}`;
}

/** Parse `NAME:.metadata.name,IMAGE:.spec.containers[*].image`. */
export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new CustomColumnsError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new CustomColumnsError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPathExpression(part.slice(i + 1)) };
  });
}

const splitOnWhitespace = (line: string) => line.split(/[ \t\n\v\f\r\u0085\u00a0]+/).filter((s) => s.length > 0);

/** Parse a custom-columns template file: a line of headers and a line of field specs. */
export function parseCustomColumnsTemplate(text: string): CustomColumn[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (text.length === 0 || lines.length < 1) {
    throw new CustomColumnsError(
      'invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.',
    );
  }
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '' && text.endsWith('\n'))) {
    throw new CustomColumnsError(
      'invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.',
    );
  }
  const headers = splitOnWhitespace(lines[0]);
  const specs = splitOnWhitespace(lines[1]);
  if (headers.length !== specs.length) {
    throw new CustomColumnsError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((h, i) => ({ header: h, fieldSpec: relaxedJsonPathExpression(specs[i]) }));
}

/** printers.EscapeTerminal */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

function isList(obj: unknown): obj is { items: unknown[] } {
  return typeof obj === 'object' && obj !== null && Array.isArray((obj as { items?: unknown }).items);
}

/** The tab-separated row for one object (before alignment). */
export function customColumnsRow(parsers: JpList[], obj: unknown): string {
  const cols = parsers.map((p) => {
    const values = findJsonPathResults(p, obj, { allowMissingKeys: true });
    const strs: string[] = [];
    if (values.length === 0 || values[0].length === 0) strs.push('<none>');
    for (const arr of values) for (const v of arr) strs.push(escapeTerminal(goSprint(v)));
    return strs.join(',');
  });
  return cols.join('\t') + '\n';
}

/**
 * Print objects (a List prints its items) with the given columns, aligned like kubectl.
 * Throws JsonPathParseError when a column's path does not parse.
 */
export function printCustomColumns(columns: CustomColumn[], objects: unknown[] | unknown, opts: { noHeaders?: boolean } = {}): string {
  const parsers = columns.map((c) => parseJsonPath(c.fieldSpec));
  const list = Array.isArray(objects) ? objects : [objects];
  let text = '';
  if (!opts.noHeaders) text += columns.map((c) => c.header).join('\t') + '\n';
  for (const obj of list) {
    if (isList(obj)) for (const item of obj.items) text += customColumnsRow(parsers, item);
    else text += customColumnsRow(parsers, obj);
  }
  const w = new TabWriter();
  return w.write(text) + w.flush();
}
