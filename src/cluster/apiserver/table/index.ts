export { buildTable, tableForWatchEvent } from './table';
export type {
  IncludeObject,
  PartialObjectMetadata,
  Table,
  TableCell,
  TableColumnDefinition,
  TableOptions,
  TableRow,
  TableRowCondition,
} from './types';
export { humanDuration, translateTimestampSince } from '../../../api/duration';
export { printerFor } from './printers/index';
