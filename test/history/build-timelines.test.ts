import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTimelines, forEachTimeline, timelineOf } from '../../src/history/build-timelines.js';
import { dayActivities } from '../../src/history/day-columns.js';
import { parseIsoDay } from '../../src/ingest/day.js';
import { fileSource } from '../../src/ingest/input-source.js';
import { readBook } from '../../src/scoring/analyze-book.js';
import { DEMO_ORDERS, ROOT } from '../support/run-churn.js';

describe('buildTimelines', () => {
  it('keeps every customer\'s own days, though the walk reuses its columns from customer to customer', async () => {
    const book = await readBook({ orders: await fileSource(join(ROOT, DEMO_ORDERS)), orderOptions: {}, complaintOptions: {} });
    const asOf = parseIsoDay('2026-10-31') as number;
    const { timelines } = buildTimelines(book.ledger, book.dates, asOf, undefined, undefined);
    expect(timelines.length).toBe(48);
    for (const timeline of timelines) {
      const alone = timelineOf(book.ledger, book.dates, asOf, timeline.customerId);
      expect(alone).toBeDefined();
      expect(dayActivities(timeline.days)).toEqual(dayActivities(alone?.days ?? timeline.days));
    }
  });

  it('visits the timelines one at a time with columns valid while visited: read then, they are each customer\'s own', async () => {
    const book = await readBook({ orders: await fileSource(join(ROOT, DEMO_ORDERS)), orderOptions: {}, complaintOptions: {} });
    const asOf = parseIsoDay('2026-10-31') as number;
    const read = new Map<string, number>();
    forEachTimeline(book.ledger, book.dates, asOf, undefined, undefined, (timeline) => {
      read.set(timeline.customerId, timeline.days.revenue.reduce((sum, revenue) => sum + revenue, 0));
    });
    const { timelines } = buildTimelines(book.ledger, book.dates, asOf, undefined, undefined);
    expect(new Map(timelines.map((timeline) => [timeline.customerId, timeline.days.revenue.reduce((sum, revenue) => sum + revenue, 0)]))).toEqual(read);
  });
});
