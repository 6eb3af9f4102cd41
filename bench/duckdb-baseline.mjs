#!/usr/bin/env node
// DuckDB baseline for the benchmark: the per-customer aggregates churn computes, done by DuckDB on
// 2 threads, materialised into a table so nothing is skipped lazily.
//
//   node bench/duckdb-baseline.mjs bench/data/orders-1m.csv [--threads 2] [--sample N]
//
// Per customer: lines, orders (distinct order_id), first/last order date, revenue, revenue per
// calendar month, distinct categories, and the gaps between consecutive order days (LAG over the
// distinct customer-days): count, mean, median, max and the latest gap.
// Prints one JSON line on stdout: {"file","rows","customers","threads","duckdb","wall_s","query_s"}.

import { DuckDBInstance, version } from '@duckdb/node-api';
import { parseArgs } from 'node:util';

const started = performance.now();
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    threads: { type: 'string', default: '2' },
    sample: { type: 'string', default: '0' },
  },
});
if (positionals.length !== 1) {
  process.stderr.write('usage: node bench/duckdb-baseline.mjs ORDERS.csv [--threads 2] [--sample N]\n');
  process.exit(2);
}
const file = positionals[0];
const threads = Number(values.threads);
if (!Number.isInteger(threads) || threads < 1) throw new Error(`--threads: ${values.threads}`);
const literal = (text) => `'${String(text).replace(/'/g, "''")}'`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`SET threads = ${threads}`);

// Explicit column types: the generated export's layout is known, so no sniffing differences.
const source = `read_csv(${literal(file)}, header = true, delim = ',', quote = '"', dateformat = '%Y-%m-%d',
  columns = {
    'order_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DECIMAL(18,2)',
    'category': 'VARCHAR', 'sku': 'VARCHAR', 'quantity': 'INTEGER', 'sales_rep': 'VARCHAR'
  })`;

const sql = `
CREATE TABLE customer_stats AS
WITH lines AS MATERIALIZED (
  SELECT customer_id, order_id, order_date, amount, category FROM ${source}
),
per_customer AS (
  SELECT customer_id,
         count(*)                  AS lines,
         count(DISTINCT order_id)  AS orders,
         min(order_date)           AS first_order,
         max(order_date)           AS last_order,
         sum(amount)               AS revenue,
         count(DISTINCT category)  AS categories
  FROM lines GROUP BY customer_id
),
per_month AS (
  SELECT customer_id, list(struct_pack(month := month, revenue := revenue) ORDER BY month) AS monthly_revenue
  FROM (SELECT customer_id, date_trunc('month', order_date) AS month, sum(amount) AS revenue
        FROM lines GROUP BY customer_id, month)
  GROUP BY customer_id
),
customer_days AS (
  SELECT DISTINCT customer_id, order_date AS day FROM lines
),
gaps AS (
  SELECT customer_id, day, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap
  FROM customer_days
),
gap_stats AS (
  SELECT customer_id,
         count(*)           AS order_days,
         count(gap)         AS gaps,
         avg(gap)           AS mean_gap,
         median(gap)        AS median_gap,
         max(gap)           AS max_gap,
         arg_max(gap, day)  AS last_gap
  FROM gaps GROUP BY customer_id
)
SELECT p.*, g.order_days, g.gaps, g.mean_gap, g.median_gap, g.max_gap, g.last_gap, m.monthly_revenue
FROM per_customer p
JOIN gap_stats g USING (customer_id)
JOIN per_month m USING (customer_id)`;

const queryStarted = performance.now();
await connection.run(sql);
const counted = await connection.runAndReadAll(
  'SELECT count(*) AS customers, sum(lines) AS rows, sum(len(monthly_revenue)) AS months FROM customer_stats',
);
const queryEnded = performance.now();
const [customers, rows, months] = counted.getRows()[0].map(Number);

const sample = Number(values.sample);
if (sample > 0) {
  const reader = await connection.runAndReadAll(
    `SELECT * EXCLUDE (monthly_revenue), len(monthly_revenue) AS months FROM customer_stats ORDER BY customer_id LIMIT ${sample}`,
  );
  for (const row of reader.getRowObjectsJson()) process.stderr.write(`${JSON.stringify(row)}\n`);
}
connection.closeSync?.();

process.stdout.write(
  `${JSON.stringify({
    file,
    rows,
    customers,
    customerMonths: months,
    threads,
    duckdb: version(),
    query_s: Number(((queryEnded - queryStarted) / 1000).toFixed(3)),
    wall_s: Number(((performance.now() - started) / 1000).toFixed(3)),
  })}\n`,
);
