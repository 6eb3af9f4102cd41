import { scanOrderRange } from '../dist/ingest/scan-order-range.js';
import { BookLedger } from '../dist/history/book-ledger.js';
import { OrderTally } from '../dist/ingest/order-tally.js';
import { statSync } from 'node:fs';
const path = process.argv[2];
const Sink = process.argv[3] === 'tally' ? OrderTally : BookLedger;
const header = 'order_id,customer_id,order_date,amount,category,sku,quantity,sales_rep'.split(',');
const columns = { order: 0, customer: 1, date: 2, amount: 3, category: 4, sku: 5, quantity: 6, rep: 7 };
const job = { path, start: 72, end: statSync(path).size, plan: { headerCount: 8, columns, delimiter: 44, crlf: false, decimalMark: 46 },
  context: { file: path, headers: header, columns, decimalMark: '.' }, dateHeader: 'order_date', dateFormat: undefined };
const t = performance.now();
const sink = new Sink();
const r = await scanOrderRange(job, sink);
console.log(Sink.name, 'ms', (performance.now() - t).toFixed(0), r.rowsRead, r.bailed);
const t2 = performance.now(); const st = sink.exportState(); console.log('export ms', (performance.now()-t2).toFixed(0));
