import { goQuote, goSprint } from '../gofmt';
import { goJsonMarshal } from '../json';
import { executeStreaming, type ExecuteOptions } from './exec';
import { parseTemplate, TemplateParseError } from './parse';

export * from './parse';
export * from './exec';
export { goSprintf, goPrint } from './fmt';

export interface PrinterResult {
  /** What kubectl writes to stdout (partial output and, on failure, its debugging block). */
  stdout: string;
  /** kubectl's error line without the `error: ` prefix, when the template failed. */
  error?: string;
}

/** `error parsing template T, template: output:1: ...` */
export function templateParseErrorMessage(template: string, err: Error): string {
  return `error parsing template ${template}, ${err.message}`;
}

/**
 * `kubectl -o go-template=T` over one object (cli-runtime GoTemplatePrinter.PrintObj): the
 * output, or on an execution error the partial output, the debugging block kubectl writes to
 * stdout, and the error line.
 */
export function printGoTemplate(template: string, data: unknown, opts: ExecuteOptions = {}): PrinterResult {
  let tmpl;
  try {
    tmpl = parseTemplate(template);
  } catch (e) {
    if (e instanceof TemplateParseError) return { stdout: '', error: templateParseErrorMessage(template, e) };
    throw e;
  }
  const res = executeStreaming(tmpl, data, opts);
  if (!res.error) return { stdout: res.out };
  const msg = res.error.message;
  const stdout =
    res.out +
    `Error executing template: ${msg}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${template}\n` +
    `\traw data was:\n\t\t${goJsonMarshal(data)}\n` +
    `\tobject given to template engine was:\n\t\t${goSprint(data)}\n\n`;
  return { stdout, error: `error executing template ${goQuote(template)}: ${msg}` };
}
