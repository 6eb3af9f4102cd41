import { describe, expect, it } from 'vitest';
import { BookLedger, hashOrderId, orderCount } from '../../src/history/book-ledger.js';

const line = (customerId: string, orderId: string | undefined, amountCents: number, productLine?: string) => ({
  line: 2,
  customerId,
  customerName: undefined,
  orderId,
  dateToken: 0,
  amountCents,
  productLine,
  rep: undefined,
});
const complaint = (customerId: string) => ({
  line: 2,
  customerId,
  complaintId: undefined,
  openedToken: 0,
  closedToken: -1,
  status: undefined,
  category: undefined,
  severity: undefined,
});

describe('BookLedger', () => {
  it('folds lines into one day: exact cents, distinct orders, spend per product line', () => {
    const ledger = new BookLedger();
    ledger.addOrderLine(line('A', 'SO-1', 1000, 'Paper'));
    ledger.addOrderLine(line('A', 'SO-1', 250, 'Coffee'));
    ledger.addOrderLine(line('A', 'SO-2', 500, 'Paper'));
    ledger.addOrderLine(line('A', 'RT-1', -300, 'Paper'));
    const day = ledger.customers.get('A')?.days.get(0);
    expect(day?.netCents).toBe(1450);
    expect(orderCount(day?.orderIds)).toBe(2); // RT-1 has no sale line
    expect(day?.lineCents).toEqual([0, 1200, 1, 250]); // Paper 1000 + 500 - 300, Coffee 250
    expect(ledger.productLines).toEqual(['Paper', 'Coffee']);
  });

  it('hashes order ids with FNV-1a (32 bits)', () => {
    expect(hashOrderId('')).toBe(0x811c9dc5);
    expect(hashOrderId('a')).toBe(0xe40c292c);
  });

  it('joins complaints filed under an id written without leading zeros or in another case', () => {
    const ledger = new BookLedger();
    ledger.addOrderLine(line('00123', undefined, 100));
    ledger.addOrderLine(line('C7', undefined, 100));
    ledger.addComplaint(complaint('123'));
    ledger.addComplaint(complaint('c7'));
    ledger.addComplaint(complaint('999'));
    expect(ledger.reconcileComplaintCustomers()).toBe(2);
    expect(ledger.customers.get('00123')?.complaints.map((c) => c.customerId)).toEqual(['00123']);
    expect(ledger.customers.get('C7')?.complaints).toHaveLength(1);
    expect(ledger.customers.has('123')).toBe(false);
    expect(ledger.customers.get('999')?.complaints).toHaveLength(1); // no match: stays, and is rejected later
  });

  it('does not join when two orders customers match the same loose id', () => {
    const ledger = new BookLedger();
    ledger.addOrderLine(line('0042', undefined, 100));
    ledger.addOrderLine(line('042', undefined, 100));
    ledger.addComplaint(complaint('42'));
    expect(ledger.reconcileComplaintCustomers()).toBe(0);
  });
});
