/**
 * The names a secretariat gets wrong, each with the name it should have.
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { MeetingSource } from '../../src/load/load.js';
import { checkItemNames } from '../../src/validate/names.js';

const CWD = '/virtual';
const DIR = 'content/udvalget/2025-03-10';

function source(items: string[], misnamed: string[]): MeetingSource {
  const file = (name: string) => new VFile({ path: `${DIR}/${name}`, cwd: CWD });
  return {
    id: '2025-03-10',
    forumId: 'udvalget',
    forumDir: `${CWD}/content/udvalget`,
    dir: `${CWD}/${DIR}`,
    index: file('index.md'),
    items: items.map(file),
    misnamed: misnamed.map(file),
    files: new Map(),
    folder: new VFile({ path: DIR, cwd: CWD }),
  };
}

const notes = (files: VFile[]) => files.flatMap((file) => file.messages.map((message) => `${file.basename}: ${message.note?.split(':')[0]}`));

describe('checkItemNames', () => {
  it('names the file each misnamed item should have', () => {
    const meeting = source(['01-a.md', '02-b.md', '99-eventuelt.md'], ['budget.md', 'budget.markdown', '1.md', '06. Budget.md', '7 – x.md', '08-x.md.txt', '3-punkt.txt']);
    checkItemNames(meeting);
    expect(notes(meeting.misnamed)).toEqual([
      'budget.md: Omdøb filen til "03-budget.md"',
      'budget.markdown: Omdøb filen til "03-budget.md"',
      '1.md: Omdøb filen til "1-punkt.md"',
      '06. Budget.md: Omdøb filen til "06-Budget.md"',
      '7 – x.md: Omdøb filen til "7-x.md"',
      '08-x.md.txt: Omdøb filen til "08-x.md"',
      '3-punkt.txt: Omdøb filen til "3-punkt.md"',
    ]);
    expect(meeting.misnamed.every((file) => file.messages.every((message) => message.fatal))).toBe(true);
  });

  it('refuses two items with one number, suggesting a free one only when it keeps the order', () => {
    const free = source(['04-a.md', '04-b.md', '06-c.md'], []);
    checkItemNames(free);
    expect(free.items[1]!.messages.map((message) => [message.reason, message.note])).toEqual([
      ['Punktnummeret 4 bruges også af "04-a.md", så punkternes rækkefølge er uklar.', 'Giv hvert punkt sit eget nummer, fx ved at omdøbe filen til "05-b.md".'],
    ]);
    const taken = source(['04-a.md', '4-b.md', '05-c.md'], []);
    checkItemNames(taken);
    expect(taken.items[1]!.messages.map((message) => message.note)).toEqual(['Giv hvert punkt sit eget nummer; punkterne kommer i nummerorden.']);
    expect([...free.items, ...taken.items].filter((file) => file.messages.length > 0).map((file) => file.basename)).toEqual(['04-b.md', '4-b.md']);
  });
});
