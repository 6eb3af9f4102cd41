import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/write-output.js';
import { UserError } from '../../src/ingest/user-error.js';

describe('writeFileAtomic', () => {
  it('writes pieces as their joined text: multi-byte text across buffer boundaries, a piece bigger than the buffer', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'churn-write-'));
    const path = join(folder, 'report.json');
    // A piece of 1,200 bytes where 1,000 are left in the buffer, then pieces of many lengths and 1 to 3 bytes a character.
    const pieces = ['a'.repeat(2 ** 20 - 1000), 'ש'.repeat(600), ...Array.from({ length: 300 }, (_, index) => `${index}:${'לקוח ₪1,234.50\n'.repeat((index * 7919) % 700)}`), 'x'.repeat(400_000), 'ש'.repeat(10), '}\n'];
    await writeFileAtomic(path, pieces);
    expect(await readFile(path, 'utf8')).toBe(pieces.join(''));
    expect(await readdir(folder)).toEqual(['report.json']);
  });

  it('writes no pieces as an empty file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'churn-write-'));
    const path = join(folder, 'empty.txt');
    await writeFileAtomic(path, []);
    expect(await readFile(path, 'utf8')).toBe('');
  });

  it('a folder as the target is a user error naming it, and the folder is left as it was', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'churn-write-'));
    const error = await writeFileAtomic(folder, ['{}']).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).toLine()).toBe(`${folder}: cannot write the report: this is a folder. Give -o a file name, e.g. -o report.json`);
    expect(await readdir(folder)).toEqual([]);
  });
});
