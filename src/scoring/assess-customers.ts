import { forEachTimelineOf, type ResolvedDates, type TimelineCounts } from '../history/build-timelines.js';
import type { BookLedger } from '../history/book-ledger.js';
import type { Day } from '../ingest/day.js';
import type { RejectLog } from '../ingest/reject-log.js';
import { modelInputOf, type ModelInput } from './customer-model.js';
import { assessCustomer, type CustomerAssessment } from './score-customer.js';
import type { ScoringSettings } from './scoring-settings.js';

/** Some customers assessed, in the order given: their signals, model inputs and row counts. */
export interface AssessedCustomers {
  readonly assessments: CustomerAssessment[];
  readonly modelInputs: ModelInput[];
  readonly counts: TimelineCounts;
}

/**
 * One timeline at a time: assessed, its model inputs taken, and dropped. Complaints that cannot
 * be used go to `complaintRejects`, in customer order.
 */
export function assessCustomers(
  ledger: BookLedger,
  customers: ArrayLike<number>,
  dates: ResolvedDates,
  asOf: Day,
  scoring: ScoringSettings,
  complaintRejects: RejectLog | undefined,
  complaintsFile: string | undefined,
): AssessedCustomers {
  const assessments: CustomerAssessment[] = [];
  const modelInputs: ModelInput[] = [];
  const counts = forEachTimelineOf(ledger, customers, dates, asOf, complaintRejects, complaintsFile, (timeline) => {
    assessments.push(assessCustomer(timeline, asOf, scoring));
    modelInputs.push(modelInputOf(timeline, asOf));
  });
  return { assessments, modelInputs, counts };
}
