/** What a line without an order id carries in place of a hash (never an FNV-1a result below). */
export const NO_ORDER_ID = -1;

/**
 * FNV-1a, 32 bits, over the UTF-16 code units of the id, as a non-negative number. Hashes, not the
 * ids: millions of id strings would be most of the memory, and two orders of one customer on one
 * day sharing a hash is a one-in-a-billion event.
 */
export function hashOrderId(orderId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i++) {
    hash ^= orderId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
