/**
 * Unicode's invisible direction marks: LRM and RLM (U+200E, U+200F), the Arabic letter mark
 * (U+061C), the embeddings and overrides (U+202A-U+202E) and the isolates (U+2066-U+2069).
 * Excel and Priority put them around Hebrew text; they change nothing a reader sees, so
 * `\u200fC5` and `C5` must be one customer and `\u200f2025-01-05` a date.
 */
const BIDI_MARK = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const BIDI_MARKS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text without direction marks (the same string when it has none, which is nearly always). */
export function stripBidiMarks(text: string): string {
  return BIDI_MARK.test(text) ? text.replace(BIDI_MARKS, '') : text;
}

/**
 * A field's text as every reader compares it: without direction marks, then without blanks at its
 * edges (so a mark before a blank, `\u200f C5`, leaves no blank behind).
 */
export function cleanField(raw: string): string {
  return stripBidiMarks(raw).trim();
}
