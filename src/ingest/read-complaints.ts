import { openCsvTable, type CsvDialectOptions } from './csv-table.js';
import {
  readComplaintCategory,
  readComplaintSeverity,
  readComplaintStatus,
  type ComplaintCategory,
  type ComplaintSeverity,
  type ComplaintStatus,
} from './complaint-vocabulary.js';
import { DateColumn, type DateFormat } from './date-column.js';
import { COMPLAINT_HEADER_ALIASES, type ComplaintField } from './fields.js';
import { missingFieldError, namesRequiredFields, resolveHeaders, type HeaderMapping } from './header-map.js';
import type { InputSource } from './input-source.js';
import type { ReadInput } from './read-input.js';
import { RejectLog } from './reject-log.js';
import { sampleRows, suggestHeader } from './suggest-header.js';

/** One usable complaint row; dates are tokens of the file's date columns. */
export interface ComplaintLine {
  readonly line: number;
  readonly customerId: string;
  readonly complaintId: string | undefined;
  readonly openedToken: number;
  /** -1 when the row has no closed date. */
  readonly closedToken: number;
  readonly status: ComplaintStatus | undefined;
  readonly category: ComplaintCategory | undefined;
  readonly severity: ComplaintSeverity | undefined;
}

export interface ReadComplaintsOptions extends CsvDialectOptions {
  readonly overrides?: Partial<Record<ComplaintField, string>>;
  readonly dateFormat?: DateFormat | undefined;
}

export interface ComplaintsInput extends ReadInput {
  readonly mapping: HeaderMapping<ComplaintField>;
  readonly openedDates: DateColumn;
  readonly closedDates: DateColumn;
}

export async function readComplaints(
  source: InputSource,
  options: ReadComplaintsOptions,
  onComplaint: (complaint: ComplaintLine) => void,
): Promise<ComplaintsInput> {
  const table = await openCsvTable(source, { ...options, isHeader: (cells) => namesRequiredFields(cells, COMPLAINT_HEADER_ALIASES, options.overrides ?? {}, ['customer', 'opened']) });
  const { file, headers } = table;
  const mapping = resolveHeaders({
    file,
    headers,
    aliases: COMPLAINT_HEADER_ALIASES,
    overrides: options.overrides ?? {},
    mapFlag: '--complaints-map',
  });
  const found = mapping.columnOf;
  const missing = found.customer === undefined ? 'customer' : found.opened === undefined ? 'opened' : undefined;
  if (missing !== undefined) {
    const sample = await sampleRows(table.rows, 50);
    throw missingFieldError(file, missing, headers, '--complaints-map', suggestHeader(mapping, missing, sample), table.delimiter);
  }
  // Both required columns exist past this point.
  const col = found as typeof found & { customer: number; opened: number };
  const openedDates = new DateColumn(file, headers[col.opened] ?? 'opened', options.dateFormat);
  const closedDates = new DateColumn(file, col.closed === undefined ? 'closed' : (headers[col.closed] ?? 'closed'), options.dateFormat);
  const rejects = new RejectLog();
  let rowsRead = 0;
  const text = (fields: readonly string[], index: number | undefined): string =>
    index === undefined ? '' : (fields[index] ?? '').trim();
  // A category column holds a few texts over and over: each is read once.
  const categoryOf = new Map<string, ComplaintCategory | undefined>();
  const category = (raw: string): ComplaintCategory | undefined => {
    if (categoryOf.has(raw)) return categoryOf.get(raw);
    const read = readComplaintCategory(raw);
    categoryOf.set(raw, read);
    return read;
  };

  for await (const batch of table.rows) for (const { line, fields } of batch) {
    rowsRead++;
    const customerId = text(fields, col.customer);
    if (customerId === '') {
      rejects.add({ file, line, reason: 'missing_customer', field: headers[col.customer] });
      continue;
    }
    const rawOpened = text(fields, col.opened);
    if (rawOpened === '') {
      rejects.add({ file, line, reason: 'missing_date', field: headers[col.opened] });
      continue;
    }
    const openedToken = openedDates.tokenize(rawOpened, line);
    if (openedToken < 0) {
      rejects.add({ file, line, reason: 'bad_date', field: headers[col.opened], value: rawOpened });
      continue;
    }
    const rawClosed = text(fields, col.closed);
    const closedToken = rawClosed === '' ? -1 : closedDates.tokenize(rawClosed, line);
    if (rawClosed !== '' && closedToken < 0) {
      rejects.add({ file, line, reason: 'bad_closed_date', field: headers[col.closed ?? 0], value: rawClosed });
      continue;
    }
    const complaintId = text(fields, col.complaint);
    onComplaint({
      line,
      customerId,
      complaintId: complaintId === '' ? undefined : complaintId,
      openedToken,
      closedToken,
      status: readComplaintStatus(text(fields, col.status)),
      category: category(text(fields, col.category)),
      severity: readComplaintSeverity(text(fields, col.severity)),
    });
  }
  return {
    file,
    encoding: table.encoding,
    delimiter: table.delimiter,
    mapping,
    openedDates,
    closedDates,
    rowsRead,
    rejects,
    preambleRows: table.preambleRows,
  };
}
