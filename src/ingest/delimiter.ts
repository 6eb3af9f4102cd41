export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** `whitespace`: fields separated by runs of spaces or tabs, as in aligned text dumps (CDNOW). */
export type Delimiter = (typeof DELIMITERS)[number] | 'whitespace';

export const DELIMITER_LABELS: Record<Delimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
  whitespace: 'whitespace',
};

export function parseDelimiterOption(text: string): Delimiter | undefined {
  const table: Record<string, Delimiter> = {
    ',': ',', comma: ',', ';': ';', semicolon: ';', '\t': '\t', '\\t': '\t', tab: '\t', '|': '|', pipe: '|',
    ' ': 'whitespace', space: 'whitespace', spaces: 'whitespace', whitespace: 'whitespace',
  };
  return table[text.trim() === '' ? text : text.trim().toLowerCase()];
}

/**
 * Pick the delimiter that splits the first lines into the same number of fields, most of all the
 * header. Quoted text is skipped so a comma inside a quoted name does not vote.
 */
export function detectDelimiter(headText: string): Delimiter {
  const lines = headText.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 30);
  if (lines.length > 1 && !headText.endsWith('\n')) lines.pop();
  let best: Delimiter | undefined;
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const headerCount = counts[0] ?? 0;
    if (headerCount === 0) continue;
    const consistent = counts.filter((count) => count === headerCount).length / counts.length;
    const score = consistent * 1000 + headerCount;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  if (best !== undefined) return best;
  // No delimiter character at all: an aligned text dump if every line splits on blanks alike.
  const widths = lines.map((line) => line.trim().split(/[ \t]+/).length);
  const first = widths[0] ?? 1;
  return first > 1 && widths.every((width) => width === first) ? 'whitespace' : ',';
}

/**
 * Delimiters outside quoted fields. A quote only opens a quoted field at the start of a field, as
 * CSV has it: a gershayim inside a Hebrew header (`מק"ט`) is text, not a quote.
 */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"') {
        if (line[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (char === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (char === delimiter) {
      count++;
      fieldStart = true;
    } else {
      fieldStart = false;
    }
  }
  return count;
}
