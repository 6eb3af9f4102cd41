import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDecoder, detectEncoding, parseEncodingOption, utf8Sequences } from '../../src/ingest/encoding.js';

const HEBREW_CSV = 'מספר לקוח,תאריך,סה"כ\nלקוח א,07/03/2025,100\n';

describe('detectEncoding', () => {
  it('plain ASCII is UTF-8', () => {
    expect(detectEncoding(Buffer.from('customer,date,amount\nC1,2025-03-07,5\n', 'ascii'))).toBe('utf-8');
  });

  it('UTF-8 Hebrew without a BOM', () => {
    expect(detectEncoding(Buffer.from(HEBREW_CSV, 'utf8'))).toBe('utf-8');
  });

  it('UTF-8 with a BOM', () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEBREW_CSV, 'utf8')]))).toBe('utf-8');
  });

  it('UTF-8 cut inside a multi-byte character at the end of the head is still UTF-8', () => {
    const bytes = Buffer.from('לקוח א,שלום', 'utf8');
    const head = bytes.subarray(0, bytes.length - 1);
    expect(head[head.length - 1]).toBe(0xd7); // a lead byte without its continuation
    expect(detectEncoding(head)).toBe('utf-8');
  });

  it('UTF-16LE and UTF-16BE with a BOM', () => {
    expect(detectEncoding(iconv.encode(HEBREW_CSV, 'utf-16le', { addBOM: true }))).toBe('utf-16le');
    expect(detectEncoding(iconv.encode(HEBREW_CSV, 'utf-16be', { addBOM: true }))).toBe('utf-16be');
  });

  it('UTF-16 without a BOM, from the NUL pattern', () => {
    const text = 'customer,date,amount\nC1,2025-03-07,5\n';
    expect(detectEncoding(iconv.encode(text, 'utf-16le'))).toBe('utf-16le');
    expect(detectEncoding(iconv.encode(text, 'utf-16be'))).toBe('utf-16be');
  });

  it('Windows-1255 Hebrew bytes', () => {
    const bytes = iconv.encode(HEBREW_CSV, 'windows-1255');
    expect(bytes[0]).toBe(0xee); // מ
    expect(detectEncoding(bytes)).toBe('windows-1255');
  });

  it('Windows-1252 bytes whose high bytes are not Hebrew-letter positions', () => {
    const bytes = iconv.encode('customer,city,amount\nMÜLLER GmbH,Straße 5,£12\nÉLAN SA,Zürich,€3\n', 'windows-1252');
    expect(detectEncoding(bytes)).toBe('windows-1252');
  });
});

describe('createDecoder', () => {
  it('decodes UTF-8 as iconv-lite does, cut at every byte: BOMs, bad bytes, cut characters', () => {
    const samples = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('לקוח,₪1,234.50,😀\n', 'utf8')]),
      Buffer.from('plain,ascii\n', 'utf8'),
      Buffer.from([0xff, 0x41, 0xe2, 0x82, 0x0a, 0xf0, 0x9f, 0x98, 0x2c, 0xc3, 0xa9, 0xed, 0xa0, 0x80, 0xc0, 0xaf]),
      Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]),
      Buffer.from([0xe2, 0x82]),
    ];
    for (const sample of samples) {
      for (let cut = 0; cut <= sample.length; cut++) {
        const ours = createDecoder('utf-8');
        const theirs = iconv.getDecoder('utf-8', { stripBOM: true });
        const chunks = [sample.subarray(0, cut), sample.subarray(cut)];
        expect(chunks.map((chunk) => ours.write(chunk)).join('') + ours.end()).toBe(chunks.map((chunk) => theirs.write(chunk)).join('') + (theirs.end() ?? ''));
      }
    }
  });

  it('round-trips UTF-8 Hebrew split at every byte boundary', () => {
    const bytes = Buffer.from(HEBREW_CSV, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const decoder = createDecoder('utf-8');
      const text = decoder.write(bytes.subarray(0, cut)) + decoder.write(bytes.subarray(cut)) + decoder.end();
      expect(text).toBe(HEBREW_CSV);
    }
  });

  it('keeps a partial character until the next chunk', () => {
    const decoder = createDecoder('utf-8');
    const bytes = Buffer.from('שלום', 'utf8');
    expect(decoder.write(bytes.subarray(0, 3))).toBe('ש');
    expect(decoder.write(bytes.subarray(3))).toBe('לום');
    expect(decoder.end()).toBe('');
  });

  it('drops a UTF-8 BOM, even one split across chunks', () => {
    const decoder = createDecoder('utf-8');
    expect(decoder.write(Buffer.from([0xef, 0xbb])) + decoder.write(Buffer.from([0xbf, 0x61, 0x62])) + decoder.end()).toBe('ab');
  });

  it('round-trips UTF-16LE and UTF-16BE Hebrew with a BOM, split at odd boundaries', () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const bytes = iconv.encode(HEBREW_CSV, encoding, { addBOM: true });
      for (const cut of [1, 3, 7, bytes.length - 1]) {
        const decoder = createDecoder(encoding);
        const text = decoder.write(bytes.subarray(0, cut)) + decoder.write(bytes.subarray(cut)) + decoder.end();
        expect(text).toBe(HEBREW_CSV);
      }
    }
  });

  it('decodes Windows-1255 chunk by chunk', () => {
    const bytes = iconv.encode(HEBREW_CSV, 'windows-1255');
    const decoder = createDecoder('windows-1255');
    const text = decoder.write(bytes.subarray(0, 5)) + decoder.write(bytes.subarray(5)) + decoder.end();
    expect(text).toBe(HEBREW_CSV);
  });
});

describe('parseEncodingOption', () => {
  it.each([
    ['utf8', 'utf-8'],
    ['UTF-8', 'utf-8'],
    ['utf_16le', 'utf-16le'],
    ['utf-16', 'utf-16le'],
    ['UTF-16BE', 'utf-16be'],
    ['cp1255', 'windows-1255'],
    ['hebrew', 'windows-1255'],
    ['latin1', 'windows-1252'],
    ['ISO-8859-1', 'windows-1252'],
  ] as const)('%j -> %s', (text, encoding) => {
    expect(parseEncodingOption(text)).toBe(encoding);
  });

  it('rejects unknown names', () => {
    expect(parseEncodingOption('ebcdic')).toBeUndefined();
  });
});

describe('detectEncoding: Windows-1252 accents are not Hebrew', () => {
  it('accented letters among ASCII letters are Latin', () => {
    expect(detectEncoding(iconv.encode('customer,name\n1,Café Crème\n2,Société Générale\n3,Señor Niño\n', 'windows-1252'))).toBe('windows-1252');
  });
  it('runs of letter bytes are Hebrew', () => {
    expect(detectEncoding(iconv.encode('לקוח,שם\n1,חברת הדגמה בע"מ\n', 'windows-1255'))).toBe('windows-1255');
  });
});

describe('detectEncoding: UTF-8 with a few stray bytes', () => {
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  it('one byte that is not UTF-8 among shekel signs stays UTF-8', () => {
    const head = Buffer.concat([utf8('customer,name,date,amount\nC1,Acme,2025-01-05,₪100\nC2,Beta,2025-01-06,₪200\nC3,Caf'), Buffer.from([0xe9]), utf8(',2025-03-01,₪100\n')]);
    expect(detectEncoding(head)).toBe('utf-8');
  });
  it('a Hebrew name cut inside a character stays UTF-8', () => {
    const head = Buffer.concat([utf8('לקוח,שם,תאריך,סכום\n1,חברת אלף,2025-01-05,100\n3,חבר'), Buffer.from([0xd7]), utf8(',2025-03-01,100\n')]);
    expect(detectEncoding(head)).toBe('utf-8');
  });
  it('Windows-1252 with no valid multi-byte character is not UTF-8', () => {
    expect(detectEncoding(iconv.encode('customer,name\n1,Café\n', 'windows-1252'))).toBe('windows-1252');
  });
  it('stray bytes outnumbering UTF-8 characters are a code page', () => {
    const head = Buffer.concat([utf8('customer,name\n1,₪\n'), iconv.encode('2,Café\n3,Crème\n', 'windows-1252')]);
    expect(detectEncoding(head)).toBe('windows-1252');
  });
});

describe('utf8Sequences', () => {
  it.each([
    ['ASCII', [0x61, 0x62], 0, 0],
    ['two-byte and three-byte characters', [0xd7, 0x90, 0xe2, 0x82, 0xaa], 2, 0],
    ['a four-byte character', [0xf0, 0x9f, 0x98, 0x80], 1, 0],
    ['a lead byte followed by ASCII', [0xe9, 0x2c], 0, 1],
    ['a lone continuation byte', [0x61, 0x90, 0x61], 0, 1],
    ['an overlong form (C0 80)', [0xc0, 0x80], 0, 2],
    ['a surrogate (ED A0 80)', [0xed, 0xa0, 0x80], 0, 3],
    ['a character cut by the end of the head', [0x61, 0xe2, 0x82], 0, 0],
    ['a three-byte lead with one continuation, then ASCII', [0xe2, 0x82, 0x61], 0, 1],
  ])('%s', (_, bytes, valid, invalid) => {
    expect(utf8Sequences(Uint8Array.from(bytes))).toEqual({ valid, invalid });
  });
});

describe('detectEncoding: the shekel sign of Windows-1255', () => {
  it('a file of prices in shekels with no Hebrew letter is Windows-1255', () => {
    const bytes = iconv.encode('Customer ID,Customer Name,Order Date,Amount\nC1,Acme,2025-01-05,₪100.00\nC2,Beta,2025-02-06,100 ₪\n', 'windows-1255');
    expect(bytes.includes(0xa4)).toBe(true);
    expect(detectEncoding(bytes)).toBe('windows-1255');
  });
  it('a currency sign ¤ away from numbers says nothing', () => {
    expect(detectEncoding(iconv.encode('customer,name\n1,Café ¤ Crème\n', 'windows-1252'))).toBe('windows-1252');
  });
});
