import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bidiMarkedOrders } from '../support/bidi-orders.js';
import { runInProcess } from '../support/in-process.js';
import { malformedExport, prng } from '../support/malformed-corpus.js';
import { DEMO_ORDERS, ROOT } from '../support/run-churn.js';

/**
 * The fast line splitter must give exactly what csv-parse gives: the same JSON, the same errors,
 * the same line numbers. Each case runs both ways (`--parser auto` and `--parser csv-parse`).
 */
const dir = mkdtempSync(join(tmpdir(), 'churn-diff-'));

async function bothWays(args: readonly string[]) {
  const fast = await runInProcess([...args, '--parser', 'auto']);
  const reference = await runInProcess([...args, '--parser', 'csv-parse']);
  return { fast, reference };
}

async function expectSame(args: readonly string[], context: string): Promise<void> {
  const { fast, reference } = await bothWays(args);
  expect(fast.code, context).toBe(reference.code);
  expect(fast.stderr, context).toBe(reference.stderr);
  expect(fast.stdout, context).toBe(reference.stdout);
}

describe('fast splitter vs csv-parse', () => {
  it.each([
    ['demo', ['report', 'fixtures/demo/orders.csv', '--complaints', 'fixtures/demo/complaints.csv', '--format', 'json', '--all']],
    ['demo, Israeli re-export', ['report', 'fixtures/demo-il/orders.csv', '--complaints', 'fixtures/demo-il/complaints.csv', '--format', 'json', '--all']],
    ['check on the Israeli re-export', ['check', 'fixtures/demo-il/orders.csv', '--complaints', 'fixtures/demo-il/complaints.csv']],
  ])('%s', async (_name, args) => {
    await expectSame(args.map((arg) => (arg.startsWith('fixtures/') ? join(ROOT, arg) : arg)), _name);
  });

  it('a file of awkward but valid lines: quotes, embedded delimiters and line breaks, CRLF, blanks', async () => {
    const random = prng(7);
    const names = ['Plain Co', '"Cohen, Mizrahi & Co."', 'בע"מ Ltd', '"Say ""hi"" Inc"', '"Two\nLines Ltd"', ' padded ', ''];
    const lines = ['customer,name,date,amount,category'];
    for (let i = 0; i < 3000; i++) {
      const name = names[Math.floor(random() * names.length)];
      const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
      const amount = random() < 0.05 ? `"1,${Math.floor(random() * 900) + 100}.50"` : (random() * 500).toFixed(2);
      lines.push(`C${Math.floor(random() * 40)},${name},2025-0${1 + Math.floor(random() * 9)}-${day},${amount},Cat${Math.floor(random() * 5)}`);
      if (random() < 0.02) lines.push(random() < 0.5 ? '' : ',,,,');
    }
    for (const ending of ['\n', '\r\n']) {
      const path = join(dir, `awkward-${ending.length}.csv`);
      writeFileSync(path, `${lines.join(ending)}${ending}`);
      await expectSame(['report', path, '--format', 'json', '--all'], `line ending ${JSON.stringify(ending)}`);
    }
  });

  it('CR LF and CR CR LF inside quoted fields, then bad rows: the same lines both ways, as grep -n numbers them', async () => {
    const orders = join(dir, 'crlf-in-quotes.csv');
    writeFileSync(
      orders,
      'Customer ID,Customer Name,Order Date,Amount\r\n' + // 1
        'C1,"Acme\r\nLtd",2025-01-05,100\r\n' + // 2-3
        'C1,Acme,2025-02-05,oops\r\n' + // 4
        'C2,"Beta\r\r\nInc",2025-02-06,100\r\n' + // 5-6
        'C2,Beta,2025-02-07,n/a\r\n' + // 7
        'C3,Gamma,2025-02-08,100\r\n', // 8
    );
    const complaints = join(dir, 'crlf-in-quotes-complaints.csv');
    writeFileSync(
      complaints,
      'Customer ID,Opened,Category\r\n' + // 1
        'C1,2025-02-01,"late\r\r\ndelivery"\r\n' + // 2-3
        'C2,someday,quality\r\n' + // 4
        'C3,2025-02-02,"wrong\r\ninvoice"\r\n' + // 5-6
        ',2025-02-03,quality\r\n', // 7
    );
    const args = ['report', orders, '--complaints', complaints, '--format', 'json', '--all', '--as-of', '2025-03-31'];
    await expectSame(args, 'CR LF in quotes');
    const { reference } = await bothWays(args);
    expect(reference.stderr.match(/csv:\d+:/g)).toEqual(['csv:4:', 'csv:7:', 'csv:4:', 'csv:7:']);
  });

  it('a lone-CR file whose first line feed is inside a quoted field, after a CR LF', async () => {
    const mac = join(dir, 'lone-cr.csv');
    writeFileSync(mac, 'Customer ID,Customer Name,Order Date,Amount\rC1,"Acme\r\nLtd",2025-01-05,100\rC1,Acme,2025-02-05,oops\rC2,Beta,2025-02-06,100\r');
    await expectSame(['report', mac, '--format', 'json', '--all'], 'lone CR file');
    expect((await bothWays(['report', mac, '--format', 'json', '--all'])).fast.stderr).toContain(`${mac}:4: Amount "oops": not an amount`);
  });

  it('an unclosed quote after a record spanning lines names its own row both ways', async () => {
    const unclosed = join(dir, 'unclosed-after-multiline.csv');
    writeFileSync(unclosed, 'Customer ID,Customer Name,Order Date,Amount\nC1,"Acme\nLtd\nHaifa",2025-01-05,100\nC1,Acme,2025-02-05,100\nC2,"Beta,2025-02-06,100\nC3,Gamma,2025-02-07,100\n');
    await expectSame(['check', unclosed], 'unclosed quote');
    expect((await bothWays(['check', unclosed])).fast.stderr).toBe(
      `churn: ${unclosed}:6: a quoted field opened on this row is never closed. The export is cut off or has a stray double quote; fix that row\n`,
    );
  });

  it('a file whose headers and fields carry direction marks (RLM, LRM, ALM, embeddings, isolates), with complaints marked too', async () => {
    const complaints = join(dir, 'bidi-complaints.csv');
    writeFileSync(
      complaints,
      '\u200fמספר לקוח,\u200fמספר פנייה,\u200fתאריך פתיחה,\u200fסטטוס,\u200fנושא,\u200fחומרה\n' +
        '\u200fC007,\u200e1,\u200f2025-11-02,\u200fפתוחה,\u202bמשלוח באיחור\u202c,\u2067גבוהה\u2069\n' +
        'C007,2,2025-11-20\u200e,פתוחה,משלוח,גבוהה\n',
    );
    for (const ending of ['\n', '\r\n']) {
      const path = join(dir, `bidi-${ending.length}.csv`);
      writeFileSync(path, bidiMarkedOrders(3000, 11, ending));
      const args = ['report', path, '--complaints', complaints, '--format', 'json', '--all'];
      await expectSame(args, `line ending ${JSON.stringify(ending)}`);
      await expectSame(['check', path, '--complaints', complaints], `check, line ending ${JSON.stringify(ending)}`);
      const { fast } = await bothWays(args);
      const report = JSON.parse(fast.stdout) as { customers: Array<{ customerId: string; openComplaints?: number }> };
      // 61 customers, each once: a marked id is the same customer as the bare one.
      expect(report.customers.map((customer) => customer.customerId).sort()).toEqual(Array.from({ length: 61 }, (_, n) => `C${String(n).padStart(3, '0')}`));
      expect(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(fast.stdout)).toBe(false);
    }
  });

  it('400 cases of the malformed-export corpus', async () => {
    const demoLines = readFileSync(join(ROOT, DEMO_ORDERS), 'utf8').split('\n').slice(0, 120);
    for (let seed = 5000; seed < 5400; seed++) {
      const { name, input } = malformedExport(seed, demoLines);
      const path = join(dir, `case-${seed}.csv`);
      writeFileSync(path, input);
      await expectSame(['report', path, '--format', 'json', '--all'], `seed ${seed} (${name})`);
    }
  }, 300_000);

  const master = join(ROOT, '..', 'shared', 'data', 'cdnow', 'CDNOW_master.txt');
  it.skipIf(!existsSync(master))('CDNOW master (whitespace-aligned, read in place from ../shared/data)', async () => {
    await expectSame(['report', master, '--as-of', '1997-10-01', '--format', 'json', '--all'], 'CDNOW master');
  }, 120_000);
});
