import { parentPort, workerData } from 'node:worker_threads';
import { BookLedger } from '../history/book-ledger.js';
import { RejectLog } from '../ingest/reject-log.js';
import { assessCustomers } from './assess-customers.js';
import type { AssessJob } from './assess-in-threads.js';

/** A worker thread's share of the customers: assessed from the shared ledger and posted back. */
const job = workerData as AssessJob;
try {
  const rejects = new RejectLog();
  const ledger = BookLedger.fromSnapshot(job.snapshot);
  const assessed = assessCustomers(ledger, job.customers, job.dates, job.asOf, job.scoring, rejects, job.complaintsFile);
  parentPort?.postMessage({ assessed, rejects: { count: rejects.count, byReason: rejects.byReason, first: rejects.first } });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
