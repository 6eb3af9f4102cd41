import { stripBidiMarks } from './bidi-marks.js';

/**
 * The fields the tool understands and the header names that feed them.
 * Headers are compared after `normalizeHeader`, so "Customer ID", "customer_id"
 * and "CUSTOMER-ID" are the same header.
 */
export const ORDER_FIELDS = [
  'customer',
  'customerName',
  'order',
  'date',
  'amount',
  'quantity',
  'unitPrice',
  'category',
  'sku',
  'rep',
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export const COMPLAINT_FIELDS = ['customer', 'complaint', 'opened', 'closed', 'status', 'category', 'severity'] as const;
export type ComplaintField = (typeof COMPLAINT_FIELDS)[number];

/** Lower-case, and drop direction marks, spaces, underscores, dashes, dots, quotes and the Hebrew geresh/gershayim. */
export function normalizeHeader(header: string): string {
  return stripBidiMarks(header.replace(/^\uFEFF/, ''))
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.'"`\u05F3\u05F4/#()]+/g, '');
}

/**
 * Id-like headers come before the bare word of their kind: an export with both `Customer` and
 * `Customer No` holds the names in the first (the bare word then feeds customerName, below).
 */
const CUSTOMER_ALIASES = [
  'customerid', 'customerno', 'customernumber', 'customercode', 'custid', 'custno', 'custnumber', 'custcode',
  'customer', 'clientid', 'clientno', 'clientcode', 'client', 'accountid', 'accountno', 'accountnumber',
  'accountcode', 'account', 'cardcode', 'buyerid', 'debtorno', 'debtor', 'soldto',
  'מספרלקוח', 'קודלקוח', 'מסלקוח', 'לקוח', 'מספרחשבון', 'חשבון',
];

export const ORDER_HEADER_ALIASES: Record<OrderField, readonly string[]> = {
  customer: CUSTOMER_ALIASES,
  customerName: [
    'customername', 'custname', 'clientname', 'accountname', 'company', 'companyname', 'cardname', 'name',
    'שםלקוח', 'שם', 'שםחשבון',
    // Last: a bare customer header that an id-like one beat to the customer field holds the names.
    'customer', 'client', 'לקוח',
  ],
  order: [
    'order', 'orderid', 'orderno', 'ordernumber', 'ordernum', 'salesorder', 'so', 'invoice', 'invoiceid',
    'invoiceno', 'invoicenumber', 'docnum', 'docno', 'docnumber', 'document', 'documentno', 'documentnumber',
    'transactionid', 'מספרהזמנה', 'הזמנה', 'מספרמסמך', 'מסמך', 'מספרחשבונית', 'אסמכתא',
  ],
  date: [
    'date', 'orderdate', 'invoicedate', 'docdate', 'documentdate', 'transactiondate', 'postingdate',
    'purchasedate', 'saledate', 'salesdate', 'shipdate', 'deliverydate',
    'תאריך', 'תאריךהזמנה', 'תאריךמסמך', 'תאריךחשבונית', 'תאריךערך', 'תאריךאסמכתא', 'תאסמכתא',
  ],
  amount: [
    'amount', 'linetotal', 'lineamount', 'linevalue', 'total', 'totalamount', 'net', 'netamount', 'netvalue',
    'nettotal', 'netsales', 'revenue', 'sales', 'salesamount', 'value', 'sum', 'extendedprice', 'extprice', 'dollarvalue',
    'סכום', 'סהכ', 'סכוםשורה', 'סהכשורה', 'סכוםנטו', 'מחזור',
  ],
  quantity: ['quantity', 'qty', 'units', 'unitssold', 'numberofunits', 'כמות'],
  unitPrice: ['unitprice', 'price', 'priceperunit', 'unitcost', 'listprice', 'מחיר', 'מחירליחידה', 'מחיריחידה'],
  category: [
    'category', 'productcategory', 'productline', 'productfamily', 'family', 'itemgroup', 'productgroup',
    'group', 'class', 'department', 'itemcategory', 'קטגוריה', 'קטגורייתמוצר', 'משפחתמוצר', 'משפחה', 'קבוצתמוצר',
    'מחלקה',
  ],
  sku: [
    'sku', 'item', 'itemcode', 'itemno', 'itemnumber', 'itemid', 'product', 'productcode', 'productid',
    'productno', 'partno', 'partnumber', 'article', 'מקט', 'פריט', 'קודפריט', 'מוצר',
  ],
  rep: [
    'rep', 'salesrep', 'salesperson', 'salespersoncode', 'salesman', 'seller', 'agent', 'salesagent',
    'accountmanager', 'owner', 'slpname', 'סוכן', 'סוכןמכירות', 'אישמכירות', 'נציג', 'שםסוכן',
  ],
};

export const COMPLAINT_HEADER_ALIASES: Record<ComplaintField, readonly string[]> = {
  customer: CUSTOMER_ALIASES,
  complaint: [
    'complaint', 'complaintid', 'complaintno', 'ticket', 'ticketid', 'ticketno', 'case', 'caseid', 'caseno',
    'id', 'מספרפנייה', 'פנייה', 'מספרתלונה', 'מספרקריאה',
  ],
  opened: [
    'opened', 'openedat', 'openedon', 'opendate', 'dateopened', 'created', 'createdat', 'createdon',
    'createddate', 'reported', 'reportedat', 'reportdate', 'date', 'תאריךפתיחה', 'נפתח', 'תאריך',
  ],
  closed: [
    'closed', 'closedat', 'closedon', 'closedate', 'dateclosed', 'resolved', 'resolvedat', 'resolvedon',
    'resolveddate', 'resolutiondate', 'תאריךסגירה', 'נסגר',
  ],
  status: ['status', 'state', 'סטטוס', 'מצב'],
  category: ['category', 'type', 'topic', 'subject', 'reason', 'issue', 'נושא', 'קטגוריה', 'סוג'],
  severity: ['severity', 'priority', 'urgency', 'impact', 'חומרה', 'דחיפות', 'עדיפות'],
};
