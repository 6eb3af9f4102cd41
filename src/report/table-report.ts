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

  // Widths include one space of padding each side; 6 border characters frame five columns.
  const fixed = { rank: 5, customer: 32, risk: 10, value: 10 };
  const reasonsWidth = Math.max(32, style.width - (fixed.rank + fixed.customer + fixed.risk + fixed.value) - 6);
  const table = new Table({
    head: ['#', 'Customer', 'Risk', 'At risk', 'Why'].map((text) => color.bold(text)),
    colWidths: [fixed.rank, fixed.customer, fixed.risk, fixed.value, reasonsWidth],
    colAligns: ['right', 'left', 'left', 'right', 'left'],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], compact: false },
  });
  customers.forEach((customer, index) => {
    table.push([
      String(index + 1),
      customerCell(customer, color),
      riskCell(customer, color),
      formatMoney(customer.valueAtRisk, analysis.currency),
      reasons(customer, analysis.currency).join('\n'),
    ]);
  });
  const hidden = customers.length < totals.atRisk ? `\nShowing ${customers.length} of ${totals.atRisk} at-risk customers; --top N or --all for more.\n` : '\n';
  return `${heading}\n${table.toString()}${hidden}`;
}

function customerCell(customer: ScoredCustomer, color: ChalkInstance): string {
  const who = customer.name === undefined ? customer.customerId : `${customer.customerId} ${customer.name}`;
  return customer.rep === undefined ? who : `${who}\n${color.dim(`rep: ${customer.rep}`)}`;
}

function riskCell(customer: ScoredCustomer, color: ChalkInstance): string {
  const level: RiskLevel = customer.riskLevel;
  const label = `${level} ${customer.riskScore.toFixed(0)}`;
  const painted = level === 'high' ? color.red.bold(label) : level === 'medium' ? color.yellow(label) : color.green(label);
  return customer.status === 'lapsed' || customer.status === 'new' ? `${painted}\n${color.dim(customer.status)}` : painted;
}

export function reasons(customer: ScoredCustomer, currency: string | undefined): string[] {
  const strong = customer.signals.filter((signal) => signal.severity >= REASON_MIN_SEVERITY).slice(0, MAX_REASONS);
  if (strong.length === 0) return ['no warning signs'];
  return strong.map((signal) => `• ${describeSignal(signal, currency)}`);
}
