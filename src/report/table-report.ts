import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { formatDay } from '../ingest/day.js';
import type { BookAnalysis } from '../scoring/analyze-book.js';
import type { RiskLevel, ScoredCustomer } from '../scoring/score-customer.js';
import { describeSignal, REASON_MIN_SEVERITY } from './describe-signal.js';
import { formatMoney } from './money.js';
import { bookTotals } from './report-view.js';

export interface TableStyle {
  readonly color: ChalkInstance;
  /** Terminal width the table must fit. */
  readonly width: number;
}

const MAX_REASONS = 3;

/** The ranked table a sales manager reads: who, how bad, how much, and why in words. */
export function renderTable(analysis: BookAnalysis, customers: readonly ScoredCustomer[], style: TableStyle): string {
  const { color } = style;
  const totals = bookTotals(analysis);
  const heading =
    `${color.bold('Customers at risk')} as of ${formatDay(analysis.asOf)}: ` +
    `${totals.atRisk} of ${totals.customersAnalysed} (${totals.high} high, ${totals.medium} medium), ` +
    `${formatMoney(totals.valueAtRisk, analysis.currency)} a year at risk`;
  if (customers.length === 0) return `${heading}\n\nNo customer is at medium or high risk. Use --all to list everyone.\n`;

  const fixed = { rank: 4, customer: 26, rep: 14, level: 8, score: 7, value: 10 };
  const borders = 3 * 7 + 1;
  const fixedTotal = Object.values(fixed).reduce((sum, width) => sum + width, 0);
  const reasonsWidth = Math.max(24, style.width - fixedTotal - borders);
  const table = new Table({
    head: ['#', 'Customer', 'Rep', 'Level', 'Score', 'At risk', 'Why'].map((text) => color.bold(text)),
    colWidths: [fixed.rank, fixed.customer, fixed.rep, fixed.level, fixed.score, fixed.value, reasonsWidth],
    colAligns: ['right', 'left', 'left', 'left', 'right', 'right', 'left'],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], compact: false },
  });
  customers.forEach((customer, index) => {
    table.push([
      String(index + 1),
      customerCell(customer),
      customer.rep ?? '',
      levelCell(customer.riskLevel, customer.status, color),
      customer.riskScore.toFixed(0),
      formatMoney(customer.valueAtRisk, analysis.currency),
      reasons(customer, analysis.currency).join('\n'),
    ]);
  });
  return `${heading}\n${table.toString()}\n`;
}

function customerCell(customer: ScoredCustomer): string {
  return customer.name === undefined ? customer.customerId : `${customer.customerId} ${customer.name}`;
}

function levelCell(level: RiskLevel, status: ScoredCustomer['status'], color: ChalkInstance): string {
  const painted = level === 'high' ? color.red.bold(level) : level === 'medium' ? color.yellow(level) : color.green(level);
  return status === 'lapsed' || status === 'new' ? `${painted}\n${color.dim(status)}` : painted;
}

export function reasons(customer: ScoredCustomer, currency: string | undefined): string[] {
  const strong = customer.signals.filter((signal) => signal.severity >= REASON_MIN_SEVERITY).slice(0, MAX_REASONS);
  if (strong.length === 0) return ['no warning signs'];
  return strong.map((signal) => `• ${describeSignal(signal, currency)}`);
}
