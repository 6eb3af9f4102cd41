// Times the BG/NBD fit on the CDNOW master file (read in place from ../shared/data/cdnow; never
// copied here): calibration 1997-01-01..1997-09-30, weeks, one order per customer-day, the same
// conventions as test/bg-nbd. Prints one JSON line: customers, distinct (x, tx, T), fit times.
// Usage: node bench/fit-cdnow.mjs [path] (after npm run build)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const path = process.argv[2] ?? join(root, '..', 'shared', 'data', 'cdnow', 'CDNOW_master.txt');
if (!existsSync(path)) {
  console.log(JSON.stringify({ skipped: `no ${path}` }));
  process.exit(0);
}
const { readBook } = await import(join(root, 'dist', 'scoring', 'analyze-book.js'));
const { buildTimelines } = await import(join(root, 'dist', 'history', 'build-timelines.js'));
const { fileSource } = await import(join(root, 'dist', 'ingest', 'input-source.js'));
const { parseIsoDay } = await import(join(root, 'dist', 'ingest', 'day.js'));
const { bgNbdSummary } = await import(join(root, 'dist', 'scoring', 'customer-model.js'));
const { fitBgNbd, groupSummaries } = await import(join(root, 'dist', 'scoring', 'bg-nbd', 'index.js'));

const book = await readBook({ orders: await fileSource(path), orderOptions: {}, complaintOptions: {} });
const asOf = parseIsoDay('1997-09-30');
const { timelines } = buildTimelines(book.ledger, book.dates, asOf, undefined, undefined);
const summaries = timelines.map((timeline) => bgNbdSummary(timeline, asOf));
const times = [];
let fit;
for (let run = 0; run < 3; run++) {
  const start = process.hrtime.bigint();
  fit = fitBgNbd(summaries);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(
  JSON.stringify({
    customers: summaries.length,
    distinctSummaries: groupSummaries(summaries).length,
    fitMs: times.map((ms) => Math.round(ms)),
    bestMs: Math.round(Math.min(...times)),
    iterations: fit.iterations,
    logLikelihood: Math.round(fit.logLikelihood * 100) / 100,
    params: Object.fromEntries(Object.entries(fit.params).map(([key, value]) => [key, Math.round(value * 1e4) / 1e4])),
  }),
);
