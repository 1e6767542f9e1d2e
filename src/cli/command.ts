/**
 * Process entry shared by every command: argv, stdio and cwd in (plus what a
 * command adds, such as a progress line or an abort signal), the exit code
 * out, and a bug reported as one Danish line rather than a stack trace.
 */
import { terminalText } from '../diagnostics/format.js';
import { EXIT, type CliIo } from './run.js';

export type Command = (argv: string[], io: CliIo) => number | Promise<number>;

export async function runCommand(command: Command, options: { argv?: string[]; io?: Partial<CliIo> } = {}): Promise<void> {
  try {
    process.exitCode = await command(options.argv ?? process.argv.slice(2), {
      // The output edge: nothing printed can act on the terminal or the CI runner.
      out: (line) => process.stdout.write(`${terminalText(line)}\n`),
      err: (line) => process.stderr.write(`${terminalText(line)}\n`),
      annotate: process.env.GITHUB_ACTIONS === 'true' ? (line) => process.stdout.write(`${line}\n`) : undefined,
      cwd: process.cwd(),
      env: process.env,
      ...options.io,
    });
  } catch (error) {
    process.stderr.write(`${terminalText(`Intern fejl i referat: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    if (process.env.REFERAT_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = EXIT.failed;
  }
}
