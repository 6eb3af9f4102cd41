import { Worker } from 'node:worker_threads';
import { customersById, type ResolvedDates, type TimelineCounts } from '../history/build-timelines.js';
import type { BookLedger, LedgerSnapshot } from '../history/book-ledger.js';
import type { Day } from '../ingest/day.js';
import type { RejectLog } from '../ingest/reject-log.js';
import { defaultThreads } from '../ingest/thread-count.js';
import { assessCustomers, type AssessedCustomers } from './assess-customers.js';
import type { ScoringSettings } from './scoring-settings.js';

/** A worker thread's share: everything is plain data, and the ledger's columns are shared memory. */
export interface AssessJob {
  readonly snapshot: LedgerSnapshot;
  readonly customers: Int32Array;
  readonly dates: ResolvedDates;
  readonly asOf: Day;
  readonly scoring: ScoringSettings;
  readonly complaintsFile: string | undefined;
}

interface WorkerAnswer {
  readonly assessed: AssessedCustomers;
  readonly rejects: Pick<RejectLog, 'count' | 'byReason' | 'first'>;
}

/** Below this many customer-days a thread costs more to start than it saves. */
const PARALLEL_MIN_DAYS = 200_000;

/**
 * Every customer assessed, in id order, with the work shared between this thread and workers:
 * the customers are cut into runs of about equal days, this thread takes the first run and a
 * worker each of the others, and the runs are joined in order. The result, complaint rejects
 * included, is the one a single thread would give. A worker that fails has its run done here.
 */
export async function assessInThreads(
  ledger: BookLedger,
  dates: ResolvedDates,
  asOf: Day,
  scoring: ScoringSettings,
  complaintRejects: RejectLog | undefined,
  complaintsFile: string | undefined,
  threads: number | undefined,
): Promise<AssessedCustomers> {
  const customers = customersById(ledger);
  // A customer costs a little even without days (their complaints), hence the 1.
  const weights = customers.map((customer) => ledger.entryCount(customer) + 1);
  const totalDays = weights.reduce((sum, weight) => sum + weight, 0);
  const shares = splitByWeight(customers, weights, threads ?? (totalDays >= PARALLEL_MIN_DAYS ? defaultThreads() : 1));
  const assessHere = (share: Int32Array) => assessCustomers(ledger, share, dates, asOf, scoring, complaintRejects, complaintsFile);
  // Workers start first, so they boot while this thread works through its own share.
  const pending = shares.slice(1).map((share) => assessInWorker({ snapshot: ledger.snapshotFor(share), customers: share, dates, asOf, scoring, complaintsFile }));
  const parts = [assessHere(shares[0] as Int32Array)];
  const answers = await Promise.all(pending);
  answers.forEach((answer, index) => {
    if (answer === undefined) {
      parts.push(assessHere(shares[index + 1] as Int32Array));
      return;
    }
    complaintRejects?.absorb(answer.rejects, 0);
    parts.push(answer.assessed);
  });
  return joinParts(parts);
}

/** Cut `customers` into `count` runs in order, each with about the same weight. */
export function splitByWeight(customers: readonly number[], weights: readonly number[], count: number): Int32Array[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const shares: Int32Array[] = [];
  let start = 0;
  let seen = 0;
  for (let share = 1; share < count; share++) {
    const target = (total * share) / count;
    let end = start;
    while (end < customers.length && seen + (weights[end] as number) / 2 < target) seen += weights[end++] as number;
    shares.push(Int32Array.from(customers.slice(start, end)));
    start = end;
  }
  shares.push(Int32Array.from(customers.slice(start)));
  return shares;
}

function assessInWorker(job: AssessJob): Promise<WorkerAnswer | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./assess-worker.js', import.meta.url), { workerData: job });
    worker.once('message', (message: WorkerAnswer | { error: string }) => {
      resolve('error' in message ? undefined : message);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}

function joinParts(parts: readonly AssessedCustomers[]): AssessedCustomers {
  const counts: TimelineCounts = {
    orders: { rowsUsed: 0, rowsAfterAsOf: 0 },
    complaints: { rowsUsed: 0, rowsAfterAsOf: 0 },
    timelines: 0,
  };
  const joined = { assessments: [] as AssessedCustomers['assessments'], modelInputs: [] as AssessedCustomers['modelInputs'], counts };
  for (const part of parts) {
    for (const assessment of part.assessments) joined.assessments.push(assessment);
    for (const input of part.modelInputs) joined.modelInputs.push(input);
    counts.orders.rowsUsed += part.counts.orders.rowsUsed;
    counts.orders.rowsAfterAsOf += part.counts.orders.rowsAfterAsOf;
    counts.complaints.rowsUsed += part.counts.complaints.rowsUsed;
    counts.complaints.rowsAfterAsOf += part.counts.complaints.rowsAfterAsOf;
  }
  return { ...joined, counts: { ...counts, timelines: parts.reduce((sum, part) => sum + part.counts.timelines, 0) } };
}
