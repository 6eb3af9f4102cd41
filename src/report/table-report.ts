import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { formatDay } from '../ingest/day.js';
import type { RunChanges } from '../scoring/change-since.js';
import type { RepTotals } from '../scoring/rep-totals.js';
import type { ScoredCustomer } from '../scoring/score-customer.js';
import { describeChanges, CHANGE_WORDS } from './change-words.js';
import { reasonLines } from './reason-lines.js';
import { formatMoney } from './money.js';
import type { ReportContext, ReportRow } from './report-rows.js';
import { bookTotals } from './report-view.js';

export interface TableStyle {
  readonly color: ChalkInstance;
  /** Terminal width the table must fit. */
  readonly width: number;
}

const MAX_REASONS = 3;

/** The ranked table a sales manager reads: who, how bad, how much, and why in words. */
export function renderTable(context: ReportContext, rows: readonly ReportRow[], style: TableStyle): string {
  const { color } = style;
  const totals = bookTotals(context);
  const scope = context.rep === undefined ? '' : ` in ${context.rep}'s book`;
  const parts = [
    `${color.bold('Customers at risk')}${scope} as of ${formatDay(context.analysis.asOf)}: ` +
      `${totals.atRisk} of ${totals.customersAnalysed} (${totals.high} high, ${totals.medium} medium), ` +
      `${formatMoney(totals.valueAtRisk, context.currency)} a year at risk`,
  ];
  if (context.changes !== undefined) parts.push(changesBlock(context.changes, color));
  if (context.repTotals !== undefined) parts.push(repTable(context.repTotals, context.currency, color));
  if (rows.length === 0) {
    parts.push('No customer is at medium or high risk. Use --all to list everyone.');
    return `${parts.join('\n\n')}\n`;
  }
  parts.push(customerTable(context, rows, style));
  const shown = rows.length < totals.atRisk ? `Showing ${rows.length} of ${totals.atRisk} at-risk customers; --top N or --all for more.` : '';
  return `${parts.join('\n')}\n${shown === '' ? '' : `${shown}\n`}`;
}

function customerTable(context: ReportContext, rows: readonly ReportRow[], style: TableStyle): string {
  const { color } = style;
  const withChange = context.changes !== undefined;
  const withSegment = rows.some((row) => row.segment !== undefined);
  // Widths include one space of padding each side; n+1 border characters frame n columns.
  const fixed = [5, 32, 10, 10, ...(withChange ? [13] : []), ...(withSegment ? [11] : [])];
  const reasonsWidth = Math.max(32, style.width - fixed.reduce((sum, width) => sum + width, 0) - (fixed.length + 2));
  const head = ['#', 'Customer', 'Risk', 'At risk', ...(withChange ? ['Change'] : []), ...(withSegment ? ['Segment'] : []), 'Why'];
  const table = new Table({
    head: head.map((text) => color.bold(text)),
    colWidths: [...fixed, reasonsWidth],
    colAligns: ['right', 'left', 'left', 'right', ...fixed.slice(4).map(() => 'left' as const), 'left'],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], compact: false },
  });
  for (const row of rows) {
    table.push([
      String(row.rank),
      customerCell(row.customer, color),
      riskCell(row.customer, color),
      formatMoney(row.customer.valueAtRisk, context.currency),
      ...(withChange ? [row.change === undefined ? '' : changeCell(row, color)] : []),
      ...(withSegment ? [row.segment ?? ''] : []),
      reasons(row.customer, context.currency).join('\n'),
    ]);
  }
  return table.toString();
}

function changesBlock(changes: RunChanges, color: ChalkInstance): string {
  return `${color.bold(`Changes since last run (${changes.previousAsOf})`)}: ${describeChanges(changes)}`;
}

function repTable(totals: readonly RepTotals[], currency: string | undefined, color: ChalkInstance): string {
  const table = new Table({
    head: ['Rep', 'Customers', 'At risk', 'High', 'Value at risk'].map((text) => color.bold(text)),
    colAligns: ['left', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [], compact: false },
  });
  for (const rep of totals) {
    table.push([rep.rep ?? '(no rep)', String(rep.customers), String(rep.atRisk), String(rep.high), formatMoney(rep.valueAtRisk, currency)]);
  }
  return table.toString();
}

function customerCell(customer: ScoredCustomer, color: ChalkInstance): string {
  const who = customer.name === undefined ? customer.customerId : `${customer.customerId} ${customer.name}`;
  return customer.rep === undefined ? who : `${who}\n${color.dim(`rep: ${customer.rep}`)}`;
}

function riskCell(customer: ScoredCustomer, color: ChalkInstance): string {
  const label = `${customer.riskLevel} ${customer.riskScore.toFixed(0)}`;
  const level = customer.riskLevel;
  const painted = level === 'high' ? color.red.bold(label) : level === 'medium' ? color.yellow(label) : color.green(label);
  return customer.status === 'lapsed' || customer.status === 'new' ? `${painted}\n${color.dim(customer.status)}` : painted;
}

function changeCell(row: ReportRow, color: ChalkInstance): string {
  const change = row.change;
  if (change === undefined) return '';
  const words = CHANGE_WORDS[change.change];
  if (change.change === 'new-at-risk' || change.change === 'escalated') return color.red(words);
  if (change.change === 'recovered') return color.green(words);
  return words;
}

/** The customer's reasons in words, strongest first. */
export function reasons(customer: ScoredCustomer, currency: string | undefined): string[] {
  const lines = reasonLines(customer, currency, MAX_REASONS);
  return lines.length === 0 ? ['no warning signs'] : lines.map((line) => `• ${line}`);
}
