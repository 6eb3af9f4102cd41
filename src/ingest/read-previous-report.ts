import { readFile } from 'node:fs/promises';
import { UserError } from './user-error.js';

export type PreviousLevel = 'high' | 'medium' | 'low';

/** What a run needs of the previous run's JSON: each customer's level and status then. */
export interface PreviousReport {
  readonly file: string;
  readonly asOf: string;
  /** True when the previous run listed every customer (`--all`); else only those at risk. */
  readonly complete: boolean;
  readonly customers: ReadonlyMap<string, PreviousCustomer>;
}

export interface PreviousCustomer {
  readonly riskLevel: PreviousLevel;
  readonly status: string;
  /** The rep the previous run named, if any (to take one rep's customers, as --rep does). */
  readonly rep: string | undefined;
}

/** Read and check a previous `churn report --format json` document. */
export async function readPreviousReport(path: string): Promise<PreviousReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError('previous_not_found', 'no such file', { file: path, hint: 'Pass the JSON written by the last run (--format json -o FILE)' });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new UserError('previous_not_json', 'is not JSON', { file: path, hint: 'Pass the JSON written by churn report --format json' });
  }
  const root = document as { schemaVersion?: unknown; asOf?: unknown; customers?: unknown; summary?: { customersAnalysed?: unknown } };
  if (root.schemaVersion !== 1 || typeof root.asOf !== 'string' || !Array.isArray(root.customers)) {
    throw new UserError('previous_schema', 'is not a churn report (schemaVersion 1 with asOf and customers)', {
      file: path,
      hint: 'Pass the JSON written by churn report --format json',
    });
  }
  const customers = new Map<string, PreviousCustomer>();
  root.customers.forEach((entry: unknown, index: number) => {
    const customer = entry as { customerId?: unknown; riskLevel?: unknown; status?: unknown; rep?: unknown };
    if (typeof customer.customerId !== 'string' || !['high', 'medium', 'low'].includes(String(customer.riskLevel))) {
      throw new UserError('previous_schema', `customers[${index}] has no customerId or riskLevel`, { file: path });
    }
    customers.set(customer.customerId, {
      riskLevel: customer.riskLevel as PreviousLevel,
      status: String(customer.status ?? ''),
      rep: typeof customer.rep === 'string' ? customer.rep : undefined,
    });
  });
  const complete = root.summary?.customersAnalysed === customers.size;
  return { file: path, asOf: root.asOf, complete, customers };
}
