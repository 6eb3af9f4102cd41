import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1255', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export function parseEncodingOption(text: string): TextEncoding | undefined {
  const key = text.trim().toLowerCase().replace(/[_\s]/g, '-');
  const aliases: Record<string, TextEncoding> = {
    'utf-8': 'utf-8', utf8: 'utf-8', 'utf-16le': 'utf-16le', 'utf16le': 'utf-16le', 'utf-16': 'utf-16le',
    'utf-16be': 'utf-16be', 'utf16be': 'utf-16be', 'windows-1255': 'windows-1255', cp1255: 'windows-1255',
    'win-1255': 'windows-1255', hebrew: 'windows-1255', 'windows-1252': 'windows-1252', cp1252: 'windows-1252',
    latin1: 'windows-1252', 'iso-8859-1': 'windows-1252',
  };
  return aliases[key];
}

/**
 * Guess the encoding from the first bytes: a BOM decides; then the NUL pattern of BOM-less UTF-16;
 * then UTF-8 when its multi-byte characters outnumber bytes that cannot be UTF-8; otherwise a
 * Windows code page, Hebrew when the high bytes read as Hebrew.
 */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const sample = head.subarray(0, Math.min(head.length, 4096));
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const pairs = sample.length / 2;
  if (pairs > 4 && oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (pairs > 4 && evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  // Counting the sequences is a loop over the head in JavaScript: only for heads that are not plain UTF-8.
  if (isUtf8(head) || readsAsUtf8(utf8Sequences(head))) return 'utf-8';
  return looksHebrew(head) ? 'windows-1255' : 'windows-1252';
}

/**
 * Whole UTF-8 text, or UTF-8 with a few stray bytes: exports stitched from several systems, or a
 * name cut inside a character by a fixed-width field, hold one or two bytes that are not UTF-8
 * among many characters that are, and read as a code page every one of those characters would be
 * garbled (the shekel sign, every Hebrew name) to spare one. Windows-1252 and -1255 text almost
 * never forms a valid multi-byte sequence: an accented or Hebrew letter is followed by an ASCII
 * byte or another letter, not by a continuation byte. So any valid sequences outnumbering the
 * invalid bytes two to one say UTF-8; the stray bytes become U+FFFD.
 */
function readsAsUtf8(sequences: Utf8Sequences): boolean {
  return sequences.invalid === 0 || sequences.valid >= 2 * sequences.invalid;
}

interface Utf8Sequences {
  /** Well-formed multi-byte characters. */
  readonly valid: number;
  /** Bytes at which no well-formed character starts (each counted once, then skipped). */
  readonly invalid: number;
}

/** A character cut off by the end of the head is neither. */
export function utf8Sequences(bytes: Uint8Array): Utf8Sequences {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) {
      invalid++;
      i++;
      continue;
    }
    // The second byte's range is narrower after some leads (no overlong forms, no surrogates, nothing past U+10FFFF).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    let taken = 1;
    while (taken < length && i + taken < bytes.length) {
      const byte = bytes[i + taken] as number;
      if (taken === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) break;
      taken++;
    }
    if (taken === length) valid++;
    else if (i + taken < bytes.length) invalid++;
    i += taken === length ? length : Math.max(1, taken);
  }
  return { valid, invalid };
}

/**
 * Bytes 0xE0-0xFA are Hebrew letters in Windows-1255 but accented lower-case letters (à..ú) in
 * Windows-1252. Hebrew words are runs of such bytes; a Latin word has one accented letter among
 * ASCII letters ("Café", "Señor"). Count which of the two the neighbours of each such byte say.
 * Byte 0xA4 by a number is the shekel sign of Windows-1255 (in Windows-1252 the generic currency
 * sign ¤, which no price list uses): a file of prices in shekels may hold no Hebrew letter at all.
 */
function looksHebrew(head: Buffer): boolean {
  let hebrew = 0;
  let latin = 0;
  const isLetterByte = (byte: number | undefined) => byte !== undefined && byte >= 0xe0 && byte <= 0xfa;
  const isAsciiLetter = (byte: number | undefined) =>
    byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
  const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;
  for (let i = 0; i < head.length; i++) {
    const byte = head[i];
    if (byte === SHEKEL_1255) {
      const before = head[i - 1] === 0x20 ? head[i - 2] : head[i - 1];
      const after = head[i + 1] === 0x20 || head[i + 1] === 0x2d ? head[i + 2] : head[i + 1];
      if (isDigit(before) || isDigit(after)) hebrew++;
      continue;
    }
    if (!isLetterByte(byte)) continue;
    if (isAsciiLetter(head[i - 1]) || isAsciiLetter(head[i + 1])) latin++;
    else if (isLetterByte(head[i - 1]) || isLetterByte(head[i + 1])) hebrew++;
  }
  return hebrew > latin;
}

const SHEKEL_1255 = 0xa4;

function isUtf8(head: Buffer): boolean {
  // The head may end inside a multi-byte character: drop an incomplete tail before checking.
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      if (back < needed) end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** A streaming decoder (it keeps partial characters between chunks and drops the BOM). */
export function createDecoder(encoding: TextEncoding): { write(chunk: Buffer): string; end(): string } {
  if (encoding === 'utf-8') return utf8Decoder();
  const decoder = iconvLite().getDecoder(encoding, { stripBOM: true });
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

/**
 * UTF-8 the way iconv-lite decodes it (Node's StringDecoder, a leading BOM dropped from the first
 * text), without loading iconv-lite's tables of every code page: ~11 ms of every run's start-up,
 * and nearly every export is UTF-8.
 */
function utf8Decoder(): { write(chunk: Buffer): string; end(): string } {
  const decoder = new StringDecoder('utf8');
  let started = false;
  return {
    write(chunk) {
      const text = decoder.write(chunk);
      if (started || text === '') return text;
      started = true;
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    },
    end: () => decoder.end(),
  };
}

/** iconv-lite, loaded on first use: only exports in another encoding need it. */
function iconvLite(): typeof import('iconv-lite') {
  return createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
}
