// kubectl's error printing (cmdutil.CheckErr / StandardErrorMessage): server Status errors as
// `Error from server (Reason): message`, Invalid with its causes, everything else as `error: ...`.
import { goQuote, isStatus, type Status } from '../api/status';

/** An error carrying the text kubectl prints after `error: ` (or the full line when raw). */
export class CmdError extends Error {
  constructor(
    message: string,
    /** Print the message as is, without `error: `. */
    readonly raw = false,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A Status answered by the server. */
export class ServerError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? '');
  }
}

export function statusOf(e: unknown): Status | undefined {
  if (e instanceof ServerError) return e.status;
  return undefined;
}

/** MultiLineError: one error on the same line, several as `* item` lines. */
function multiLine(prefix: string, errs: string[]): string {
  if (errs.length === 1) return prefix + errs[0];
  return prefix + '\n' + errs.map((e) => `* ${e}`).join('\n');
}

/** The text kubectl prints for a server Status (without the trailing newline). */
export function formatStatus(s: Status, context?: string): string {
  if (s.reason === 'Invalid') {
    const d = s.details;
    // Go's %q: a name with quotes or non-printing characters comes out escaped.
    const head = d && (d.kind || d.name) ? `The ${d.kind ?? ''} ${goQuote(d.name ?? '')} is invalid` : 'The request is invalid';
    const causes = d?.causes ?? [];
    if (causes.length) {
      const errs = causes.map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '')));
      return multiLine(`${head}: `, errs);
    }
    return `${head}: ${s.message ?? ''}`.replace(/: $/, '');
  }
  const msg = context ? `${context}${s.message ?? ''}` : (s.message ?? '');
  if (s.reason && s.reason !== 'Unknown' && s.code !== 500) return `Error from server (${s.reason}): ${msg}`;
  if (s.reason && s.code === 500 && s.reason !== 'InternalError') return `Error from server (${s.reason}): ${msg}`;
  if (s.code === 500 && s.reason === 'InternalError') return `Error from server (InternalError): ${msg}`;
  return `Error from server: ${msg}`;
}

/** What CheckErr prints for any error (no trailing newline). */
export function formatError(e: unknown): string {
  if (e instanceof ServerError) return formatStatus(e.status);
  if (e instanceof CmdError) return e.raw ? e.message : `error: ${e.message}`;
  if (isStatus(e)) return formatStatus(e);
  return `error: ${e instanceof Error ? e.message : String(e)}`;
}
