/**
 * Splitting a Markdown file into frontmatter and body, and parsing YAML as
 * plain data: no Date objects, no numbers, no code evaluation, positions for
 * every field.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseYaml, splitFrontmatter } from '../../src/validate/frontmatter.js';

const file = (value: string, path = 'content/udvalg/2024-02-07/01-punkt.md') => new VFile({ path, value });

const messages = (vfile: VFile) =>
  vfile.messages.map((message) => ({ rule: message.ruleId, reason: message.reason, line: message.line, column: message.column, fatal: message.fatal }));

describe('splitFrontmatter', () => {
  it('keeps unquoted dates as text, never as Date objects', () => {
    const vfile = file('---\nmødedato: 2024-02-07\ndato: 2024-02-07T10:00:00Z\n---\n');
    const { frontmatter } = splitFrontmatter(vfile);
    const data = frontmatter?.data as Record<string, unknown>;
    expect(data['mødedato']).toBe('2024-02-07');
    expect(data['dato']).toBe('2024-02-07T10:00:00Z');
    expect(data['mødedato']).not.toBeInstanceOf(Date);
    expect(vfile.messages).toEqual([]);
  });

  it('keeps unquoted numbers as the text written', () => {
    const vfile = file('---\ntelefon: 0123\nnummer: 99741592\nsagsnummer: 16-031970\nbrøk: 1.50\neksponent: 1e3\nhex: 0x1F\n---\n');
    const data = splitFrontmatter(vfile).frontmatter?.data;
    expect(data).toEqual({
      telefon: '0123',
      nummer: '99741592',
      sagsnummer: '16-031970',
      brøk: '1.50',
      eksponent: '1e3',
      hex: '0x1F',
    });
  });

  it('parses booleans and null', () => {
    const data = splitFrontmatter(file('---\nja: true\nnej: false\ningen:\n---\n')).frontmatter?.data;
    expect(data).toEqual({ ja: true, nej: false, ingen: null });
  });

  it('returns the body and the 1-based line it starts on', () => {
    const result = splitFrontmatter(file('---\ntitel: Hej\nsagsnummer: 1\n---\n## Indstilling\n\nTekst\n'));
    expect(result.body).toBe('## Indstilling\n\nTekst\n');
    // Line 1 "---", 2-3 fields, 4 "---", body from line 5.
    expect(result.bodyLine).toBe(5);
  });

  it('counts a blank line after the frontmatter as part of the body', () => {
    const result = splitFrontmatter(file('---\ntitel: Hej\n---\n\nTekst\n'));
    expect(result.body).toBe('\nTekst\n');
    expect(result.bodyLine).toBe(4);
  });

  it('reads a file without frontmatter as body only, without messages', () => {
    const vfile = file('Bare tekst\n');
    const result = splitFrontmatter(vfile);
    expect(result.frontmatter).toBeUndefined();
    expect(result.body).toBe('Bare tekst\n');
    expect(result.bodyLine).toBe(1);
    expect(vfile.messages).toEqual([]);
  });

  it('handles CRLF line endings and a UTF-8 byte order mark', () => {
    const vfile = file('\uFEFF---\r\ntitel: Hej\r\nsagsnummer: 0042\r\nsagsbehandler:\r\n  navn: Anne\r\n  email: anne@example.dk\r\nsidste: x\r\n---\r\nTekst\r\n');
    const result = splitFrontmatter(vfile);
    expect(vfile.messages).toEqual([]);
    const data = result.frontmatter?.data as Record<string, unknown>;
    expect(data['titel']).toBe('Hej');
    expect(data['sagsnummer']).toBe('0042');
    expect(data['sagsbehandler']).toEqual({ navn: 'Anne', email: 'anne@example.dk' });
    expect(result.body).toBe('Tekst\n');
    expect(result.bodyLine).toBe(9);
    expect(result.frontmatter?.locate(['sagsbehandler', 'email'])).toEqual({ line: 6, column: 10 });
    expect(result.frontmatter?.locate(['titel'], 'key')).toEqual({ line: 2, column: 1 });
  });

  // gray-matter leaves a lone "\r" after the last field of CRLF frontmatter.
  it('does not keep a trailing carriage return in the last field of CRLF frontmatter', () => {
    const vfile = file('---\r\ntitel: Hej\r\nemail: anne@example.dk\r\n---\r\nTekst\r\n');
    const data = splitFrontmatter(vfile).frontmatter?.data as Record<string, unknown>;
    expect(data['email']).toBe('anne@example.dk');
  });

  it('accepts a flow list as the last field of CRLF frontmatter', () => {
    const vfile = file('---\r\ntitel: Hej\r\nafbud: [Anne, Bo]\r\n---\r\nTekst\r\n');
    const result = splitFrontmatter(vfile);
    expect(vfile.messages).toEqual([]);
    expect(result.frontmatter?.data).toEqual({ titel: 'Hej', afbud: ['Anne', 'Bo'] });
  });

  it('locates a value and a key by field path', () => {
    const vfile = file('---\ntitel: Hej\nsagsbehandler:\n  navn: Anne\n  email: anne@example.dk\n---\nTekst\n');
    const { frontmatter } = splitFrontmatter(vfile);
    expect(frontmatter?.locate(['sagsbehandler', 'email'])).toEqual({ line: 5, column: 10 });
    expect(frontmatter?.locate(['sagsbehandler', 'email'], 'key')).toEqual({ line: 5, column: 3 });
    expect(frontmatter?.locate(['titel'])).toEqual({ line: 2, column: 8 });
  });

  it('locates list entries and falls back to the nearest parent for unknown paths', () => {
    const vfile = file('---\ntitel: Hej\nbilag:\n  - titel: A\n    fil: bilag/a.pdf\n---\n');
    const { frontmatter } = splitFrontmatter(vfile);
    expect(frontmatter?.locate(['bilag', 0, 'fil'])).toEqual({ line: 5, column: 10 });
    expect(frontmatter?.locate(['bilag', 0, 'url'])).toEqual({ line: 4, column: 5 });
    expect(frontmatter?.locate(['findes-ikke'])).toEqual({ line: 2, column: 1 });
  });

  it('locates fields correctly after a byte order mark', () => {
    const { frontmatter } = splitFrontmatter(file('\uFEFF---\ntitel: Hej\n---\n'));
    expect(frontmatter?.locate(['titel'])).toEqual({ line: 2, column: 8 });
  });

  describe('refuses non-YAML frontmatter without evaluating it', () => {
    const marker = '__referatFrontmatterEvaluated';
    afterEach(() => {
      delete (globalThis as Record<string, unknown>)[marker];
    });

    it.each([
      ['json', `---json\n{"titel": "Hej"}\n---\nTekst\n`],
      ['js', `---js\n({ titel: (globalThis.${marker} = 'ja') })\n---\nTekst\n`],
      ['javascript', `---javascript\nglobalThis.${marker} = 'ja'; module.exports = {}\n---\nTekst\n`],
    ])('---%s', (language, source) => {
      const vfile = file(source);
      const result = splitFrontmatter(vfile);
      expect(result.frontmatter).toBeUndefined();
      expect(result.body).toBe('');
      expect(messages(vfile)).toEqual([
        { rule: 'frontmatter-sprog', reason: `Første linje skal være "---" alene, men der står "---${language}".`, line: 1, column: 1, fatal: true },
      ]);
      expect(vfile.messages[0]?.note).toBe('Slet ordet efter "---", og skriv felterne på formen "navn: værdi" nedenunder.');
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    });
  });

  it('reports frontmatter that is never closed', () => {
    const vfile = file('---\ntitel: Hej\n\nTekst uden afslutning\n');
    const result = splitFrontmatter(vfile);
    expect(result.frontmatter).toBeUndefined();
    expect(messages(vfile)).toEqual([
      {
        rule: 'frontmatter-ikke-lukket',
        reason: 'Der mangler en linje med "---" efter felterne øverst i filen.',
        line: 1,
        column: 1,
        fatal: true,
      },
    ]);
  });

  it('reports a duplicated field at its second occurrence', () => {
    const vfile = file('---\ntitel: A\nmødedato: 2024-02-07\ntitel: B\n---\n');
    expect(splitFrontmatter(vfile).frontmatter).toBeUndefined();
    expect(messages(vfile)).toEqual([
      { rule: 'yaml-syntaks', reason: 'YAML-fejl: Feltet "titel" står mere end én gang.', line: 4, column: 1, fatal: true },
    ]);
  });

  it('stops an alias bomb ("billion laughs") with a yaml-syntaks message', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const lines = [`a: &a [${Array(9).fill('"x"').join(',')}]`];
    for (const [index, name] of names.entries()) {
      if (index === 0) continue;
      lines.push(`${name}: &${name} [${Array(9).fill(`*${names[index - 1]}`).join(',')}]`);
    }
    const vfile = file(`---\n${lines.join('\n')}\n---\nTekst\n`);
    const result = splitFrontmatter(vfile);
    expect(result.frontmatter).toBeUndefined();
    expect(messages(vfile)).toEqual([
      { rule: 'yaml-syntaks', reason: 'YAML-fejl: Henvisningerne (*navn) udfolder sig til alt for meget data.', line: 1, column: 1, fatal: true },
    ]);
  });
});

describe('parseYaml', () => {
  it('parses a forum file as data with positions', () => {
    const vfile = new VFile({ path: 'forum.yml' });
    const parsed = parseYaml(vfile, 'navn: Udvalget\nmedlemmer:\n  - Anne\n  - Bo\nsagsbehandler:\n  telefon: 99741592\n');
    expect(parsed?.data).toEqual({ navn: 'Udvalget', medlemmer: ['Anne', 'Bo'], sagsbehandler: { telefon: '99741592' } });
    expect(parsed?.locate(['medlemmer', 1])).toEqual({ line: 4, column: 5 });
    expect(parsed?.locate(['sagsbehandler', 'telefon'], 'key')).toEqual({ line: 6, column: 3 });
    expect(vfile.messages).toEqual([]);
  });

  it('shifts positions by the line offset', () => {
    const vfile = new VFile({ path: 'x.md' });
    const parsed = parseYaml(vfile, 'navn: X\nsagsbehandler:\n  email: a@example.dk\n', 10);
    expect(parsed?.locate(['sagsbehandler', 'email'])).toEqual({ line: 13, column: 10 });
    expect(parsed?.locate(['sagsbehandler', 'email'], 'key')).toEqual({ line: 13, column: 3 });
  });

  it('reports a missing closing quote in Danish', () => {
    const vfile = new VFile({ path: 'forum.yml' });
    expect(parseYaml(vfile, 'navn: "Udvalget\n')).toBeUndefined();
    expect(messages(vfile)).toEqual([
      {
        rule: 'yaml-syntaks',
        reason: 'YAML-fejl: Der mangler et tegn, fx et afsluttende anførselstegn eller en parentes.',
        line: 2,
        column: 1,
        fatal: true,
      },
    ]);
  });

  it('reports a tab indentation in Danish', () => {
    const tab = new VFile({ path: 'forum.yml' });
    expect(parseYaml(tab, 'navn: X\n\tmedlemmer: 1\n')).toBeUndefined();
    expect(messages(tab)).toEqual([
      { rule: 'yaml-syntaks', reason: 'Linjen er rykket ind med en tabulator; felterne kan kun rykkes ind med mellemrum.', line: 2, column: 1, fatal: true },
    ]);
  });
});
