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
 * then valid UTF-8; otherwise a Windows code page, Hebrew when most high bytes are Hebrew letters.
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
  if (isUtf8(head)) return 'utf-8';
  return looksHebrew(head) ? 'windows-1255' : 'windows-1252';
}

/**
 * Bytes 0xE0-0xFA are Hebrew letters in Windows-1255 but accented lower-case letters (à..ú) in
 * Windows-1252. Hebrew words are runs of such bytes; a Latin word has one accented letter among
 * ASCII letters ("Café", "Señor"). Count which of the two the neighbours of each such byte say.
 */
function looksHebrew(head: Buffer): boolean {
  let hebrew = 0;
  let latin = 0;
  const isLetterByte = (byte: number | undefined) => byte !== undefined && byte >= 0xe0 && byte <= 0xfa;
  const isAsciiLetter = (byte: number | undefined) =>
    byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
  for (let i = 0; i < head.length; i++) {
    if (!isLetterByte(head[i])) continue;
    if (isAsciiLetter(head[i - 1]) || isAsciiLetter(head[i + 1])) latin++;
    else if (isLetterByte(head[i - 1]) || isLetterByte(head[i + 1])) hebrew++;
  }
  return hebrew > latin;
}

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
