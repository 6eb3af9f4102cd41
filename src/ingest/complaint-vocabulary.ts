import { normalizeHeader } from './fields.js';

export type ComplaintStatus = 'open' | 'closed';
export const COMPLAINT_CATEGORIES = ['delivery', 'billing', 'paperwork', 'product', 'service', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

const STATUS_WORDS: Record<string, ComplaintStatus> = {
  open: 'open', opened: 'open', new: 'open', pending: 'open', inprogress: 'open', onhold: 'open',
  waiting: 'open', active: 'open', reopened: 'open', escalated: 'open', assigned: 'open',
  'פתוחה': 'open', 'פתוח': 'open', 'בטיפול': 'open', 'ממתין': 'open', 'ממתינה': 'open', 'חדש': 'open', 'חדשה': 'open',
  closed: 'closed', close: 'closed', resolved: 'closed', done: 'closed', solved: 'closed', completed: 'closed',
  cancelled: 'closed', canceled: 'closed', fixed: 'closed',
  'סגורה': 'closed', 'סגור': 'closed', 'טופל': 'closed', 'טופלה': 'closed', 'נסגר': 'closed', 'נסגרה': 'closed',
};

export function readComplaintStatus(raw: string): ComplaintStatus | undefined {
  return STATUS_WORDS[normalizeHeader(raw)];
}

const CATEGORY_STEMS: ReadonlyArray<readonly [ComplaintCategory, readonly string[]]> = [
  ['delivery', ['deliver', 'shipping', 'shipment', 'late', 'logistic', 'dispatch', 'courier', 'משלוח', 'אספק', 'הובל', 'איחור']],
  ['billing', ['bill', 'invoice', 'payment', 'collection', 'charge', 'credit', 'price', 'pricing', 'חיוב', 'חשבונית', 'גבייה', 'גביה', 'תשלום', 'מחיר']],
  ['paperwork', ['paper', 'document', 'certificate', 'admin', 'מסמך', 'מסמכים', 'ניירת', 'תעוד']],
  ['product', ['product', 'quality', 'defect', 'damage', 'broken', 'wrong', 'מוצר', 'איכות', 'פגם', 'פגום', 'שבור']],
  ['service', ['service', 'support', 'rude', 'attitude', 'response', 'שירות', 'תמיכה', 'יחס']],
];

/** One-letter Hebrew prefixes (and, in, the, to, from, that, as) that attach to a word. */
const HEBREW_PREFIX = /^[ובהלמשכ]/;

/**
 * Map a free-text complaint category onto the few the signals weigh; unknown text is `other`.
 * A stem must start a word ("late" matches "late delivery" but not "related"), allowing for a
 * Hebrew one-letter prefix ("במשלוח" is "in the delivery").
 */
export function readComplaintCategory(raw: string): ComplaintCategory | undefined {
  const words = raw.toLowerCase().split(/[^a-z\u0590-\u05FF]+/).filter((word) => word !== '');
  if (words.length === 0) return undefined;
  const starts = (word: string, stem: string) =>
    word.startsWith(stem) || (HEBREW_PREFIX.test(word) && word.slice(1).startsWith(stem));
  for (const [category, stems] of CATEGORY_STEMS) {
    if (stems.some((stem) => words.some((word) => starts(word, stem)))) return category;
  }
  return 'other';
}

const SEVERITY_WORDS: Record<string, ComplaintSeverity> = {
  low: 'low', minor: 'low', trivial: 'low', '1': 'low', '2': 'low', p4: 'low', p3: 'low',
  medium: 'medium', normal: 'medium', moderate: 'medium', med: 'medium', '3': 'medium', p2: 'medium',
  high: 'high', major: 'high', serious: 'high', urgent: 'high', '4': 'high', p1: 'high',
  critical: 'critical', blocker: 'critical', severe: 'critical', '5': 'critical', p0: 'critical',
  'נמוכה': 'low', 'נמוך': 'low', 'בינונית': 'medium', 'בינוני': 'medium', 'רגילה': 'medium',
  'גבוהה': 'high', 'גבוה': 'high', 'דחוף': 'high', 'דחופה': 'high', 'קריטית': 'critical', 'קריטי': 'critical',
};

export function readComplaintSeverity(raw: string): ComplaintSeverity | undefined {
  return SEVERITY_WORDS[normalizeHeader(raw)];
}
