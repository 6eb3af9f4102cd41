import { Command, CommanderError } from 'commander';
import { UserError } from '../ingest/user-error.js';
import type { CliIo } from './cli-io.js';
import { backtestCommand } from './commands/backtest-command.js';
import { checkCommand } from './commands/check-command.js';
import { customerCommand } from './commands/customer-command.js';
import { initCommand } from './commands/init-command.js';
import { reportCommand } from './commands/report-command.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';


/** Run one CLI invocation; returns the exit code. User errors become one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo, version = '0.0.0'): Promise<number> {
  let exitCode = EXIT_OK;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const program = new Command('churn')
    .description('Which B2B customers are quietly leaving, why, and how much revenue walks out with them.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  program.addCommand(reportCommand(io, setExitCode));
  program.addCommand(checkCommand(io, setExitCode));
  program.addCommand(customerCommand(io, setExitCode));
  program.addCommand(initCommand(io, setExitCode));
  program.addCommand(backtestCommand(io, setExitCode));
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UserError) {
      io.stderr.write(`churn: ${error.toLine()}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
