import type { ExportProfile } from '../ingest/profile-export.js';
import { describeReject, rejectTotalLine } from './reject-lines.js';

/** `churn check` as text: one block per export, then the verdict. */
export function renderCheck(profiles: readonly ExportProfile[]): string {
  const blocks = profiles.map(profileBlock);
  const usable = profiles.every((profile) => profile.usable);
  blocks.push(usable ? 'OK: usable.\n' : 'NOT USABLE: see the problems above.\n');
  return blocks.join('\n');
}

function profileBlock(profile: ExportProfile): string {
  const lines = [`${profile.kind}: ${profile.file}`];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(11)} ${value}`);
  row('encoding', profile.encoding);
  row('delimiter', profile.delimiter);
  for (const date of profile.dates) {
    row('dates', date.format === undefined ? `PROBLEM: ${date.problem}` : `${date.format} (column "${date.header}")`);
  }
  if (profile.decimalMark !== undefined) {
    const grouping = profile.decimalMark === '.' ? '1,234.50' : '1.234,50';
    row('numbers', `${grouping}${profile.currency === undefined ? '' : `, currency ${profile.currency}`}`);
    const others = profile.currencies.slice(1);
    if (others.length > 0) {
      row('', `warning: also ${others.map((other) => `${other.code} (from line ${other.firstLine})`).join(', ')}: amounts in different currencies are added as they are`);
    }
  }
  profile.columns.forEach((column, index) => row(index === 0 ? 'columns' : '', `${column.field.padEnd(12)} <- "${column.header}"`));
  row('ignored', profile.ignoredHeaders.length === 0 ? '(none)' : profile.ignoredHeaders.map((h) => `"${h}"`).join(', '));
  if (profile.preambleRows > 0) row('title rows', `${profile.preambleRows} above the header row, skipped`);
  row('rows', `${profile.rowsRead} read, ${profile.rowsUsable} usable, ${profile.rowsRejected} rejected`);
  row('customers', String(profile.customers));
  if (profile.firstDate !== undefined) row('date range', `${profile.firstDate} .. ${profile.lastDate}`);
  if (profile.rowsRejected > 0) {
    lines.push('  rejects:');
    for (const reject of profile.firstRejects) lines.push(`    ${describeReject(reject)}`);
    lines.push(`    ${rejectTotalLine(profile)}`);
  }
  if (profile.rowsUsable === 0) lines.push('  PROBLEM: no usable rows');
  return `${lines.join('\n')}\n`;
}

export function renderCheckJson(profiles: readonly ExportProfile[]): string {
  const document = {
    schemaVersion: 1,
    usable: profiles.every((profile) => profile.usable),
    inputs: profiles.map((profile) => ({
      kind: profile.kind,
      file: profile.file,
      usable: profile.usable,
      encoding: profile.encoding,
      delimiter: profile.delimiter,
      decimalMark: profile.decimalMark ?? null,
      currency: profile.currency ?? null,
      currencies: profile.currencies,
      dates: profile.dates,
      columns: Object.fromEntries(profile.columns.map((column) => [column.field, column.header])),
      ignoredHeaders: profile.ignoredHeaders,
      preambleRows: profile.preambleRows,
      rowsRead: profile.rowsRead,
      rowsUsable: profile.rowsUsable,
      rowsRejected: profile.rowsRejected,
      rejected: profile.rejectedByReason,
      firstRejects: profile.firstRejects.map((reject) => ({ line: reject.line, reason: reject.reason, field: reject.field ?? null, value: reject.value ?? null })),
      customers: profile.customers,
      firstDate: profile.firstDate ?? null,
      lastDate: profile.lastDate ?? null,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
