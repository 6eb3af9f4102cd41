import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../ingest/user-error.js';

/**
 * Write a file so that readers only ever see the old or the new content: write a temporary file
 * next to it, flush it to disk, then rename it over the target (atomic on the same filesystem).
 * A run that fails or is killed before the rename leaves the old file as it was.
 */
export async function writeFileAtomic(path: string, content: string | Iterable<string>): Promise<void> {
  // A device, pipe or socket (-o /dev/stdout, a FIFO) is written in place: renaming over it would
  // replace it with a regular file, and "atomic" means nothing for a stream anyway.
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory() === true) {
    throw new UserError('output_not_written', 'cannot write the report: this is a folder', {
      file: path,
      hint: 'Give -o a file name, e.g. -o report.json',
    });
  }
  if (existing !== undefined && !existing.isFile()) {
    await writeFile(path, typeof content === 'string' ? content : batches(content), 'utf8').catch((error: unknown) => {
      throw notWritten(path, error);
    });
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      if (typeof content === 'string') await handle.writeFile(content, 'utf8');
      else await writePieces(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw notWritten(path, error);
  }
}

function notWritten(path: string, error: unknown): UserError {
  const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error);
  return new UserError('output_not_written', `cannot write the report (${reason})`, {
    file: path,
    hint: 'Check that the folder exists and is writable',
  });
}

/** UTF-8 takes at most 3 bytes for a UTF-16 code unit: a piece this much smaller than the room left fits. */
const MAX_UTF8_BYTES_PER_UNIT = 3;
const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * Pieces encoded into a buffer and written a megabyte at a time: a write per 64K-character string
 * cost a fresh Buffer and a round trip each (~40% of the time to write a 45 MB report). Two
 * buffers take turns, so the kernel copies one while the next pieces are made into the other
 * (writing 45 MB took ~130 ms, all of it waited for with one buffer).
 */
async function writePieces(handle: FileHandle, pieces: Iterable<string>): Promise<void> {
  let buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let spare = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    await writing;
    writing = writeBytes(handle, buffer, used);
    [buffer, spare] = [spare, buffer];
    used = 0;
  };
  for (const piece of pieces) {
    if (piece.length * MAX_UTF8_BYTES_PER_UNIT > buffer.length - used) {
      await flush();
      if (piece.length * MAX_UTF8_BYTES_PER_UNIT > buffer.length) {
        await writing;
        writing = writeBytes(handle, Buffer.from(piece, 'utf8'));
        continue;
      }
    }
    used += buffer.write(piece, used, 'utf8');
  }
  await flush();
  await writing;
}

/** A write may take fewer bytes than asked: the rest follow. */
async function writeBytes(handle: FileHandle, buffer: Buffer, length = buffer.length): Promise<void> {
  for (let offset = 0; offset < length; ) offset += (await handle.write(buffer, offset, length - offset)).bytesWritten;
}

/** Write text, whole or in pieces, to a stream such as stdout (in batches, so a piece is not a write). */
export function writeStream(stream: { write(text: string): unknown }, content: string | Iterable<string>): void {
  if (typeof content === 'string') stream.write(content);
  else for (const batch of batches(content)) stream.write(batch);
}

/**
 * Pieces joined into strings of 64K characters or more: few writes, never the whole text at once,
 * and small enough that V8 keeps them out of its large-object space, which only a full collection
 * empties.
 */
function* batches(pieces: Iterable<string>): Generator<string> {
  const BATCH_CHARS = 1 << 16;
  let held: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    held.push(piece);
    length += piece.length;
    if (length >= BATCH_CHARS) {
      yield held.join('');
      held = [];
      length = 0;
    }
  }
  if (held.length > 0) yield held.join('');
}
