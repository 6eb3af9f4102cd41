import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
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
  if (existing !== undefined && !existing.isFile()) {
    await writeFile(path, typeof content === 'string' ? content : batches(content), 'utf8');
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      if (typeof content === 'string') await handle.writeFile(content, 'utf8');
      else for (const batch of batches(content)) await handle.write(batch, null, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error);
    throw new UserError('output_not_written', `cannot write the report (${reason})`, {
      file: path,
      hint: 'Check that the folder exists and is writable',
    });
  }
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
