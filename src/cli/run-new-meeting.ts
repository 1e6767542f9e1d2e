/**
 * The new-meeting command: a thin shell over newMeeting. Says what it made
 * and what to do next, or why it made nothing.
 */
import path from 'node:path';
import { UsageError } from '../api.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { newMeeting } from '../new-meeting.js';
import { HELP_FLAG, helpText, readCommandLine, type FlagSpec, type Usage } from './flags.js';
import { EXIT, shown, type CliIo } from './run.js';

export const NEW_MEETING_FLAGS = [
  { name: 'content', type: 'string', value: 'MAPPE', description: 'Find forummet i MAPPE i stedet for content/.' },
  HELP_FLAG,
] as const satisfies readonly FlagSpec[];

export const NEW_MEETING_USAGE: Usage = {
  word: 'nyt-møde',
  command: 'npm run new-meeting --',
  arguments: 'FORUM ÅÅÅÅ-MM-DD',
  summary: [
    'Opretter mødemappen content/FORUM/ÅÅÅÅ-MM-DD ud fra forummets forum.yml:',
    'index.md med mødedato, mødetid, mødested, deltagere (forummets medlemmer) og afbud,',
    'og forummets faste punkter (faste_punkter) som punktfiler, fx 01-godkendelse-af-dagsorden.md og 99-eventuelt.md.',
    'FORUM er navnet på forummets mappe, fx sundhedsdirektoerkredsen. Skriv ÅÅÅÅ-MM-DD-2 for et møde mere samme dag.',
    'En mappe, der findes, bliver aldrig overskrevet.',
  ],
  exitCodes: ['0  mødet blev oprettet', '1  mødemappen findes allerede, eller forum.yml har fejl', '2  forkert brug af kommandoen (fx ukendt forum eller ugyldig dato)'],
};

export function runNewMeeting(argv: string[], io: CliIo): number {
  const parsed = readCommandLine(NEW_MEETING_USAGE, NEW_MEETING_FLAGS, argv, io);
  if ('exit' in parsed) return parsed.exit;
  const [forum, date, ...rest] = parsed.positionals;
  if (!forum || !date || rest.length > 0) {
    io.err(`Skriv forummet og datoen, fx npm run new-meeting -- sundhedsdirektoerkredsen 2025-03-12.\n\n${helpText(NEW_MEETING_USAGE, NEW_MEETING_FLAGS)}`);
    return EXIT.usage;
  }
  let result;
  try {
    result = newMeeting({ forum, date, contentDir: parsed.values.content, cwd: io.cwd });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    return EXIT.usage;
  }
  switch (result.status) {
    case 'exists':
      io.err(`Mødemappen ${shown(result.dir, io.cwd)} findes allerede; intet er ændret.`);
      io.err(`Vil du oprette et møde mere samme dag, så skriv: npm run new-meeting -- ${forum} ${result.free}`);
      return EXIT.failed;
    case 'invalid-forum':
      io.err(formatDiagnostics(result.files).join('\n'));
      io.err('\nForummets forum.yml har fejl, så mødet er ikke oprettet. Ret fejlene, og prøv igen.');
      return EXIT.failed;
    case 'created': {
      const where = shown(result.dir, io.cwd);
      io.out(`Mødet er oprettet i ${where}${path.sep}:`);
      for (const file of result.files) io.out(`  ${file}`);
      io.out('\nNæste skridt:');
      const { missing } = result;
      const fill = missing.length > 0 ? `, skriv ${missing.join(' og ')} i index.md (forummet har ingen standard for ${missing.length === 1 ? 'det' : 'dem'})` : '';
      io.out(`  1. Ret index.md og de faste punkter${fill}, og tilføj mødets punkter som filer mellem de faste, fx ${result.nextNumber}-budget.md.`);
      io.out(`  2. Kontrollér mødet: npm run check -- --dagsorden ${where}`);
      io.out(`  3. Lav dagsordenen: npm run build-dagsorden -- ${where}`);
      return EXIT.ok;
    }
  }
}
