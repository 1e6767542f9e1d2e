/**
 * Process entry for `npm run new-meeting`.
 */
import { runCommand } from './command.js';
import { runNewMeeting } from './run-new-meeting.js';

await runCommand(runNewMeeting);
