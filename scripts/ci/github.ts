/**
 * The few GitHub Actions contracts the CI scripts use: step outputs and the
 * job summary are files named by environment variables. The summary is also
 * printed, so the log (or a terminal outside Actions) shows it too.
 */
import { appendFileSync } from 'node:fs';
import { FlagError, parseFlags, type FlagSpec } from '../../src/cli/flags.js';

/** Parse a CI script's flags, every one of them required; a usage error exits 2 with a Danish message. */
export function requiredFlags<Name extends string>(flags: readonly (FlagSpec & { name: Name; type: 'string' })[], argv: string[]): Record<Name, string> {
  try {
    const values: Record<string, unknown> = parseFlags(flags, argv).values;
    const missing = flags.filter((flag) => typeof values[flag.name] !== 'string');
    if (missing.length > 0) throw new FlagError(`Mangler ${missing.map((flag) => `--${flag.name} ${flag.value ?? ''}`.trim()).join(', ')}.`);
    return values as Record<Name, string>;
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

export function setOutput(name: string, value: string | number): void {
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

export function appendSummary(markdown: string): void {
  process.stdout.write(markdown);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
}
