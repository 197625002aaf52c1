// Validation's view of resource.Quantity, over src/api/quantity: a plain number for comparisons
// and Go's canonical text for messages (as the real server prints the decoded Quantity).
import { ERR_FORMAT_WRONG, quantityFromJSON, quantityString as canonical, quantityToNumber } from '../../../../api/quantity';

export const QUANTITY_FORMAT_ERROR = ERR_FORMAT_WRONG;

/** The quantity in base units, or undefined when it does not parse. */
export function parseQuantityValue(v: unknown): number | undefined {
  try {
    return quantityToNumber(quantityFromJSON(v));
  } catch {
    return undefined;
  }
}

export function quantityString(v: unknown): string {
  try {
    return canonical(quantityFromJSON(v));
  } catch {
    return typeof v === 'number' ? String(v) : String(v ?? '');
  }
}
