import type { ChalkInstance } from 'chalk';
import type { CustomerStory } from '../history/customer-story.js';
import { formatDay, type Day } from '../ingest/day.js';
import type { ScoredCustomer } from '../scoring/score-customer.js';
import type { SignalWeights } from '../scoring/scoring-settings.js';
import { round, type Evidence } from '../signals/signal.js';
import { customerJson } from './json-report.js';
import { describeModel, describeSignal } from './describe-signal.js';
import { formatMoney } from './money.js';
import { sparkline } from './sparkline.js';

export interface CustomerViewInput {
  readonly asOf: Day;
  readonly currency: string | undefined;
  readonly customer: ScoredCustomer;
  readonly rank: number;
  readonly customersAnalysed: number;
  readonly story: CustomerStory;
  readonly weights: SignalWeights;
  readonly modelWeight: number;
  readonly windows: { readonly recentDays: number; readonly baselineDays: number };
}

const DAYS_PER_MONTH = 365.25 / 12;

const VISITS_SHOWN = 12;

/** One customer's story on one screen. */
export function renderCustomerView(view: CustomerViewInput, color: ChalkInstance): string {
  const { customer, story, currency } = view;
  const out: string[] = [];
  const name = customer.name === undefined ? customer.customerId : `${customer.customerId} ${customer.name}`;
  const level = customer.riskLevel === 'high' ? color.red.bold : customer.riskLevel === 'medium' ? color.yellow : color.green;
  out.push(color.bold(name) + (customer.rep === undefined ? '' : `  (rep: ${customer.rep})`));
  out.push(
    `${level(`${customer.riskLevel} ${customer.riskScore.toFixed(0)}`)} · ${customer.status} · ` +
      `${formatMoney(customer.valueAtRisk, currency)} a year at risk of ${formatMoney(customer.annualRevenue, currency)} · ` +
      `rank ${view.rank} of ${view.customersAnalysed} · as of ${formatDay(view.asOf)}`,
  );

  const first = story.months[0]?.month ?? '';
  const last = story.months[story.months.length - 1]?.month ?? '';
  const maxMonth = Math.max(0, ...story.months.map((month) => month.revenue));
  const baseline = story.months.filter((month) => month.window === 'baseline');
  const recent = story.months.filter((month) => month.window === 'recent');
  const average = (months: readonly { revenue: number }[]) =>
    months.length === 0 ? 0 : months.reduce((sum, month) => sum + month.revenue, 0) / months.length;
  out.push('', color.bold(`Revenue by month, ${first} to ${last}`) + ` (tallest bar ${formatMoney(maxMonth, currency)})`);
  out.push(`  ${sparkline(story.months.map((month) => month.revenue))}`);
  out.push(`  ${story.months.map((month) => (month.window === 'baseline' ? '─' : month.window === 'recent' ? '━' : ' ')).join('')}`);
  out.push(
    `  ─ baseline: ${formatMoney(average(baseline), currency)} a month   ━ recent: ${formatMoney(average(recent), currency)} a month`,
  );

  const visits = story.visits.slice(-VISITS_SHOWN);
  out.push('', color.bold(`Orders (last ${visits.length} of ${story.visits.length} order days)`));
  const visitCells = visits.map((visit) => `${formatDay(visit.day)}${visit.gapDays === undefined ? '' : ` +${visit.gapDays}d`}`);
  for (let i = 0; i < visitCells.length; i += 4) out.push(`  ${visitCells.slice(i, i + 4).map((cell) => cell.padEnd(18)).join('').trimEnd()}`);
  const lastVisit = story.visits[story.visits.length - 1];
  if (lastVisit !== undefined) out.push(`  ${view.asOf - lastVisit.day} days since the last order`);

  const stopped = new Set(stoppedLines(customer.signals.find((signal) => signal.id === 'split_purchasing')?.evidence));
  if (story.productLines.length > 0) {
    out.push('', color.bold('Product lines, spend a month: baseline year → recent window'));
    const width = Math.max(...story.productLines.map((line) => line.productLine.length));
    const baselineMonths = view.windows.baselineDays / DAYS_PER_MONTH;
    const recentMonths = view.windows.recentDays / DAYS_PER_MONTH;
    for (const line of story.productLines) {
      const flag = stopped.has(line.productLine) ? color.red(`stopped (last bought ${formatDay(line.lastBoughtDay)})`) : line.baselineRevenue === 0 ? 'new' : '';
      const before = formatMoney(line.baselineRevenue / baselineMonths, currency);
      const now = formatMoney(line.recentRevenue / recentMonths, currency);
      out.push(`  ${line.productLine.padEnd(width)}  ${before.padStart(7)} → ${now.padStart(7)}  ${flag}`.trimEnd());
    }
  }

  out.push('', color.bold(`Complaints (${story.complaints.length})`));
  if (story.complaints.length === 0) out.push('  none');
  for (const complaint of story.complaints) {
    const state = complaint.open
      ? color.red(`open, ${view.asOf - complaint.openedDay} days`)
      : complaint.closedDay === undefined
        ? 'closed'
        : `closed in ${complaint.closedDay - complaint.openedDay} days`;
    const what = [complaint.category, complaint.severity].filter((part) => part !== undefined).join(', ');
    out.push(`  ${formatDay(complaint.openedDay)}  ${complaint.complaintId ?? ''}  ${what}  ${state}`.replace(/ {3,}/g, '  '));
  }

  out.push('', color.bold('Signals (strongest first) and the model: weight × severity = contribution'));
  for (const signal of customer.signals) {
    const weight = view.weights[signal.id];
    out.push(`  ${signal.id.padEnd(17)} ${weight.toFixed(2)} × ${signal.severity.toFixed(3)} = ${(weight * signal.severity).toFixed(3)}  ${describeSignal(signal, currency)}`);
    out.push(color.dim(`    ${evidenceText(signal.evidence)}`));
  }
  const model = customer.model;
  if (model !== undefined) {
    out.push(
      `  model (BG/NBD)    ${view.modelWeight.toFixed(2)} × ${model.pNoOrder.toFixed(3)} = ${model.contribution.toFixed(3)}  ` +
        `${describeModel(model)}; P(alive) ${model.pAlive.toFixed(2)}`,
    );
  }
  const factors = [
    ...customer.signals.map((signal) => (view.weights[signal.id] * signal.severity).toFixed(3)),
    ...(model === undefined ? [] : [model.contribution.toFixed(3)]),
  ].map((value) => `(1 − ${value})`).join(' × ');
  out.push(`  score = 100 × (1 − ${factors}) = ${customer.riskScore.toFixed(1)}`);
  return `${out.join('\n')}\n`;
}

export function renderCustomerJson(view: CustomerViewInput): string {
  const { story, customer } = view;
  const document = {
    schemaVersion: 1,
    asOf: formatDay(view.asOf),
    currency: view.currency ?? null,
    rank: view.rank,
    customersAnalysed: view.customersAnalysed,
    customer: customerJson({ rank: view.rank, customer }, view.currency),
    monthlyRevenue: story.months,
    orders: story.visits.map((visit) => ({ date: formatDay(visit.day), orders: visit.orders, revenue: round(visit.revenue), gapDays: visit.gapDays ?? null })),
    productLines: story.productLines.map((line) => ({
      productLine: line.productLine,
      baselineRevenue: line.baselineRevenue,
      recentRevenue: line.recentRevenue,
      lastBoughtDate: formatDay(line.lastBoughtDay),
    })),
    complaints: story.complaints.map((complaint) => ({
      complaintId: complaint.complaintId ?? null,
      openedDate: formatDay(complaint.openedDay),
      open: complaint.open,
      closedDate: complaint.closedDay === undefined ? null : formatDay(complaint.closedDay),
      ageDays: view.asOf - complaint.openedDay,
      category: complaint.category ?? null,
      severity: complaint.severity ?? null,
    })),
    scoring: [
      ...customer.signals.map((signal) => ({
        id: signal.id,
        weight: view.weights[signal.id],
        severity: signal.severity,
        contribution: round(view.weights[signal.id] * signal.severity, 3),
      })),
      ...(customer.model === undefined
        ? []
        : [{ id: 'model', weight: view.modelWeight, severity: customer.model.pNoOrder, contribution: customer.model.contribution }]),
    ],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function stoppedLines(evidence: Evidence | undefined): readonly string[] {
  const value = evidence?.stoppedLines;
  return Array.isArray(value) ? value : [];
}

function evidenceText(evidence: Evidence): string {
  return Object.entries(evidence)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}`)
    .join('  ');
}
