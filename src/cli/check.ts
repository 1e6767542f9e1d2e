/**
 * Process entry for `npm run check`.
 */
import { runCommand } from './command.js';
import { runCheck } from './run-check.js';

await runCommand(runCheck);
