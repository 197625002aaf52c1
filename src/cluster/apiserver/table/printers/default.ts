// rest.defaultTableConvertor: Name and Created At (RFC 3339, UTC) for kinds without a printer.
import { DOC } from '../descriptions';
import { parseTime } from '../../../../api/duration';
import { col, NAME_COLUMN, nameOf, type Printer } from '../printer';

/** metav1.Time.UTC().Format(time.RFC3339); the zero time prints as year 1. */
function rfc3339(ts: unknown): string {
  const ms = parseTime(ts);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, col('Created At', 'date', DOC.ObjectMeta_creationTimestamp)],
  print(obj) {
    return { cells: [nameOf(obj), rfc3339(obj.metadata?.creationTimestamp)] };
  },
};
