import { formatDay } from '../ingest/day.js';
import { CHANGE_WORDS, describeChanges } from './change-words.js';
import { reasonLines } from './reason-lines.js';
import { formatMoney } from './money.js';
import type { ReportContext, ReportRow } from './report-rows.js';
import { bookTotals } from './report-view.js';

/** A Markdown summary for e-mail and chat. */
export function renderMarkdown(context: ReportContext, rows: readonly ReportRow[]): string {
  const totals = bookTotals(context);
  const scope = context.rep === undefined ? '' : ` in ${escapeCell(context.rep)}'s book`;
  const lines = [
    `## Customers at risk${scope} as of ${formatDay(context.analysis.asOf)}`,
    '',
    `${totals.atRisk} of ${totals.customersAnalysed} customers at risk (${totals.high} high, ${totals.medium} medium), ` +
      `**${formatMoney(totals.valueAtRisk, context.currency)}** a year at risk.`,
  ];
  if (context.changes !== undefined) lines.push('', `Changes since last run (${context.changes.previousAsOf}): ${describeChanges(context.changes)}.`);
  if (context.repTotals !== undefined) {
    lines.push('', '| Rep | Customers | At risk | High | Value at risk |', '|---|---:|---:|---:|---:|');
    for (const rep of context.repTotals) {
      lines.push(`| ${escapeCell(rep.rep ?? '(no rep)')} | ${rep.customers} | ${rep.atRisk} | ${rep.high} | ${formatMoney(rep.valueAtRisk, context.currency)} |`);
    }
  }
  if (rows.length > 0) {
    const withChange = context.changes !== undefined;
    lines.push(
      '',
      `| # | Customer | Rep | Risk | At risk |${withChange ? ' Change |' : ''} Why |`,
      `|---:|---|---|---|---:|${withChange ? '---|' : ''}---|`,
    );
    for (const row of rows) {
      const { customer } = row;
      const who = customer.name === undefined ? customer.customerId : `${customer.customerId} ${customer.name}`;
      const why = reasonLines(customer, context.currency, 3).join('; ');
      const change = withChange ? ` ${row.change === undefined ? '' : CHANGE_WORDS[row.change.change]} |` : '';
      lines.push(
        `| ${row.rank} | ${escapeCell(who)} | ${escapeCell(customer.rep ?? '')} | ${customer.riskLevel} ${customer.riskScore.toFixed(0)} | ` +
          `${formatMoney(customer.valueAtRisk, context.currency)} |${change} ${escapeCell(why === '' ? 'no warning signs' : why)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
