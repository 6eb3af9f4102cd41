import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../ingest/user-error.js';

/**
 * Write a file so that readers only ever see the old or the new content: write a temporary file
 * next to it, flush it to disk, then rename it over the target (atomic on the same filesystem).
 * A run that fails or is killed before the rename leaves the old file as it was.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  // A device, pipe or socket (-o /dev/stdout, a FIFO) is written in place: renaming over it would
  // replace it with a regular file, and "atomic" means nothing for a stream anyway.
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) {
    await writeFile(path, content, 'utf8');
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
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
