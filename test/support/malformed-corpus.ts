import iconv from 'iconv-lite';

/** A seeded corpus of malformed exports built from good lines: shared by the fuzz and differential tests. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (text: string, random: () => number) => string | Buffer;
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;
const at = (text: string, random: () => number) => Math.floor(random() * (text.length + 1));

export const MUTATIONS: Record<string, Mutation> = {
  truncate: (text, random) => text.slice(0, at(text, random)),
  randomBytes: (_text, random) => Buffer.from(Array.from({ length: 1 + Math.floor(random() * 4000) }, () => Math.floor(random() * 256))),
  insertBytes: (text, random) => {
    const bytes = Buffer.from(text);
    const cut = Math.floor(random() * bytes.length);
    const noise = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256)));
    return Buffer.concat([bytes.subarray(0, cut), noise, bytes.subarray(cut)]);
  },
  mixedEncodings: (text, random) => {
    const cut = at(text, random);
    return Buffer.concat([Buffer.from(text.slice(0, cut)), iconv.encode(`${text.slice(cut)}שלום;₪`, pick(['windows-1255', 'utf-16le'], random))]);
  },
  wrongDelimiter: (text, random) => text.replace(/,/g, () => (random() < 0.5 ? pick([';', '\t', '|'], random) : ',')),
  strayQuote: (text, random) => {
    const cut = at(text, random);
    return `${text.slice(0, cut)}"${text.slice(cut)}`;
  },
  hugeField: (text, random) => {
    const lines = text.split('\n');
    const index = 1 + Math.floor(random() * (lines.length - 1));
    lines[index] = `${lines[index]}${'x'.repeat(50_000 + Math.floor(random() * 200_000))}`;
    return lines.join('\n');
  },
  raggedRows: (text, random) =>
    text
      .split('\n')
      .map((line, i) => (i > 0 && random() < 0.3 ? (random() < 0.5 ? line.split(',').slice(0, 3).join(',') : `${line},extra,more`) : line))
      .join('\n'),
  badValues: (text, random) =>
    text
      .split('\n')
      .map((line, i) => (i > 0 && random() < 0.3 ? line.replace(/\d{4}-\d{2}-\d{2}/, pick(['2025-13-40', 'soon', '', '31/02/2025'], random)) : line))
      .join('\n'),
  headerShuffle: (text, random) => {
    const [header = '', ...rest] = text.split('\n');
    const names = header.split(',');
    const mangled = names.map((name) => (random() < 0.3 ? pick(['', 'x', name.toUpperCase(), 'date', 'customer_id'], random) : name));
    return [mangled.join(','), ...rest].join('\n');
  },
  blankAndPadding: (text, random) =>
    text
      .split('\n')
      .map((line) => (random() < 0.2 ? `\r\n,,,,\n${line},,` : line))
      .join(random() < 0.5 ? '\r\n' : '\n'),
  bomAndNul: (text, random) => (random() < 0.5 ? `\uFEFF${text}` : `${text.slice(0, at(text, random))}\u0000${text}`),
  headerOnly: (text) => `${text.split('\n')[0]}\n`,
  empty: () => '',
};


/** Case `seed` of the corpus: one mutation picked by the seed, sometimes a second on top. */
export function malformedExport(seed: number, goodLines: readonly string[]): { name: string; input: string | Buffer } {
  const names = Object.keys(MUTATIONS);
  const random = prng(seed);
  const name = names[seed % names.length] as string;
  let input: string | Buffer = goodLines.join('\n');
  input = (MUTATIONS[name] as Mutation)(input, random);
  if (random() < 0.3) input = (MUTATIONS[pick(names, random)] as Mutation)(input.toString(), random);
  return { name, input };
}
