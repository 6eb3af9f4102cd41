import { createRequire } from 'node:module';
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

// A closed pipe (`churn report ... | head`) is not an error: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  process.exitCode = await runCli(process.argv.slice(2), processIo(), version);
  // Done, and every output written (files are synced before they are renamed): leave now rather
  // than wait for the teardown of the heap and threads at a natural exit (~10 ms at 1M rows). Output still
  // queued for a slow pipe keeps the natural exit, which waits for it.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
} catch (error) {
  // A bug, not a user error: say so in one line; CHURN_DEBUG=1 shows the stack.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`churn: internal error: ${message}. Please report it with the command you ran.\n`);
  if (process.env.CHURN_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  process.exitCode = 70;
}
