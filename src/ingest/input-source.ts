import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { UserError } from './user-error.js';

/** Where an export's bytes come from. Injected so tests can feed strings and the CLI can feed stdin. */
export interface InputSource {
  /** The name used in messages: the path, or `stdin`. */
  readonly name: string;
  /** Size in bytes when known (for progress); undefined for pipes. */
  readonly size: number | undefined;
  /** The file on disk, when there is one: lets a reader read parts of it in parallel. */
  readonly path?: string | undefined;
  open(): AsyncIterable<Buffer>;
}

export async function fileSource(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<InputSource> {
  if (path === '-') {
    return { name: 'stdin', size: undefined, open: () => stdin as AsyncIterable<Buffer> };
  }
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new UserError('not_a_file', 'is a folder, not a CSV file', { file: path, hint: 'Name the export file inside it' });
    }
    size = info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('file_not_found', 'no such file', { file: path, hint: 'Check the path, or pass - to read stdin' });
  }
  return { name: path, size, path, open: () => createReadStream(path, { highWaterMark: 1 << 20 }) };
}

export function bytesSource(name: string, bytes: Buffer | string): InputSource {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return { name, size: buffer.length, open: () => Readable.from([buffer]) };
}
