import { countChanges, type ChangeMark, type RunChanges } from '../scoring/change-since.js';

export const CHANGE_WORDS: Record<ChangeMark, string> = {
  'new-at-risk': 'new at risk',
  escalated: 'escalated',
  unchanged: 'unchanged',
  recovered: 'recovered',
  gone: 'gone',
};

/** `2 new at risk (C0012, C0031), 1 escalated (C0007), 1 recovered (C0040), 0 gone` */
export function describeChanges(changes: RunChanges): string {
  const counts = countChanges(changes);
  const idsOf = (mark: ChangeMark) => {
    const ids = [...changes.byCustomer.entries()].filter(([, change]) => change.change === mark).map(([id]) => id);
    return mark === 'gone' ? [...ids, ...changes.missing] : ids;
  };
  const marks: ChangeMark[] = ['new-at-risk', 'escalated', 'recovered', 'gone'];
  return marks
    .map((mark) => {
      const ids = idsOf(mark).sort();
      const list = ids.length === 0 ? '' : ` (${ids.slice(0, 8).join(', ')}${ids.length > 8 ? `, +${ids.length - 8} more` : ''})`;
      return `${counts[mark]} ${CHANGE_WORDS[mark]}${list}`;
    })
    .join(', ');
}
