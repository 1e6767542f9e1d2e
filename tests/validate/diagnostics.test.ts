/**
 * One scenario per kind of content mistake: the exact Danish message, with
 * file, line, column and field, and the meeting is not printed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/api.js';
import { checkAll } from '../../src/check.js';
import { findMeetings, loadMeeting } from '../../src/load/load.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const outDir = mkdtempSync(path.join(tmpdir(), 'referat-diagnostics-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const SCENARIOS: [scenario: string, expected: string[]][] = [
  ['bilag-mangler', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:5:10: fejl: Filen "bilag/oplaeg.pdf" i "bilag[1].fil" findes ikke i mødets mappe. [fil-findes-ikke]\n  Tjek stavningen, og at filen ligger i mødets bilag-mappe.`,
    `content/testudvalget/2025-03-10/01-godkendelse.md:7:10: fejl: Stien "../../../../etc/passwd" i "bilag[2].fil" peger uden for mødets mappe. [sti-uden-for-moedet]\n  Læg filen i mødets bilag-mappe og skriv stien relativt til mødet, fx "bilag/oplaeg.pdf".`,
    `content/testudvalget/2025-03-10/01-godkendelse.md:9:10: fejl: Filen "bilag/kort.pdf" i "bilag[3].fil" er ikke en PDF-fil (den begynder ikke med "%PDF-"). [bilag-ikke-pdf]\n  Gem bilaget som PDF igen, eller ret stien til den rigtige fil.`,
  ]],
  ['bilag-odelagt', [
    `content/testudvalget/2025-03-10/01-budget.md:5:10: fejl: Bilaget "bilag/notat.pdf" i "bilag[1].fil" kunne ikke læses som PDF (filen er ødelagt eller tom). [bilag-kan-ikke-laeses]\n  Åbn filen i en PDF-læser, og gem den som PDF igen.`,
    `content/testudvalget/2025-03-10/01-budget.md:7:10: advarsel: Bilaget "bilag/regneark.xlsx" er hverken PDF, Markdown eller et billede, så det kommer ikke med i den samlede udgave. [bilag-kan-ikke-samles]\n  Gem bilaget som PDF (fx fra Word: Filer › Gem som › PDF), og peg på PDF-filen.`,
  ]],
  ['dobbelt-felt', [
    `content/testudvalget/2025-03-10/index.md:3:1: fejl: YAML-fejl: Feltet "mødedato" står mere end én gang. [yaml-syntaks]`,
  ]],
  ['flere-fejl', [
    `content/testudvalget/2025-03-10/index.md:3:8: fejl: Feltet "afbud" (dem, der har meldt afbud) skal være en liste, men er teksten "Bo Berg". [forkert-type]\n  Skriv hvert element på sin egen linje under feltet, med "- " foran.`,
    `content/testudvalget/2025-03-10/01-orientering.md:4:1: fejl: Ukendt afsnit "## Sagsfremstiling". Mente du "## Sagsfremstilling"? [ukendt-afsnit]\n  Afsnit hedder: Resumé, Indstilling, Sagsfremstilling, Beslutning, Referat, Bilag. Brug "### " til egne underoverskrifter.`,
    `content/testudvalget/2025-03-10/02-eventuelt.md:3:1: fejl: Ukendt felt "ansvarlig". [ukendt-felt]\n  Tilladte felter her: titel, tidsrum, sagsnummer, lukket, offentlig_titel, deltog, bilag.`,
    `content/testudvalget/2025-03-10/02-eventuelt.md:7:1: fejl: Rå HTML er ikke tilladt i indholdet (fandt "<iframe src="https://example.org"></iframe>"). [raa-html]\n  Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.`,
  ]],
  ['forkert-type', [
    `content/testudvalget/2025-03-10/index.md:3:12: fejl: Feltet "deltagere" (deltagerne) skal være en liste, men er teksten "Anne Andersen, Bo Berg". [forkert-type]\n  Skriv hvert element på sin egen linje under feltet, med "- " foran.`,
  ]],
  ['forum-layout', [
    `content/testudvalget/forum.yml:3:9: fejl: Feltet "layout" skal være "kommune" eller "region", men er teksten "regoin". Mente du "region"? [ugyldig-vaerdi]`,
  ]],
  ['ingen-frontmatter', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:1:1: fejl: Filen har ingen frontmatter. Den skal begynde med en linje "---", felterne (mindst titel) og en linje "---". [frontmatter-mangler]`,
  ]],
  ['intet-forsvinder', [
    `content/testudvalget/2025-8-20: fejl: Mappen bliver ikke bygget, fordi navnet ikke er en dato på formen ÅÅÅÅ-MM-DD. Mente du 2025-08-20? [ikke-en-moedemappe]\n  Omdøb mappen til 2025-08-20. Er mappen ikke et møde, så lad navnet begynde med "_", fx _arkiv.`,
    `content/testudvalget/Møde 20. august: fejl: Mappen bliver ikke bygget, fordi navnet ikke er en dato på formen ÅÅÅÅ-MM-DD. Mente du 2025-08-20? [ikke-en-moedemappe]\n  Omdøb mappen til 2025-08-20. Er mappen ikke et møde, så lad navnet begynde med "_", fx _arkiv.`,
    `content/testudvalget/skabeloner: advarsel: Mappen bliver ikke bygget, fordi navnet ikke er en dato på formen ÅÅÅÅ-MM-DD. [ikke-en-moedemappe]\n  Omdøb mappen til mødets dato, fx 2025-08-20. Er mappen ikke et møde, så lad navnet begynde med "_", fx _arkiv.`,
    `content/testudvalget/2025-03-10/index.md:7:5: advarsel: "Bo Berg" står både under deltagere og under afbud og kommer med i begge lister. [deltager-og-afbud]\n  Slet navnet under deltagere, hvis personen har meldt afbud, ellers under afbud.`,
    `content/testudvalget/2025-03-10/02-nyt.md:6:1: advarsel: Pladsholderteksten "Skriv indstillingen her." står stadig i punktet og kommer med, som den står. [pladsholder]\n  Skriv den rigtige tekst i stedet, eller slet linjen (og afsnittet, hvis det ikke skal bruges).`,
    `content/testudvalget/2025-03-10/04-b.md: fejl: Punktnummeret 4 bruges også af "04-a.md", så punkternes rækkefølge er uklar. [punkt-nummer-dobbelt]\n  Giv hvert punkt sit eget nummer, fx ved at omdøbe filen til "05-b.md".`,
    `content/testudvalget/2025-03-10/06 Budget.md: fejl: Filen kommer ikke med i mødet, fordi nummeret ikke efterfølges af en bindestreg. [punkt-filnavn]\n  Omdøb filen til "06-Budget.md": et punkts fil hedder nummer, bindestreg og navn. Noter, der ikke skal med, kan ligge i en undermappe, fx noter/.`,
    `content/testudvalget/2025-03-10/07_x.md: fejl: Filen kommer ikke med i mødet, fordi nummeret ikke efterfølges af en bindestreg. [punkt-filnavn]\n  Omdøb filen til "07-x.md": et punkts fil hedder nummer, bindestreg og navn. Noter, der ikke skal med, kan ligge i en undermappe, fx noter/.`,
    `content/testudvalget/2025-03-10/08-x.md.txt: fejl: Filen kommer ikke med i mødet, fordi navnet ender på ".txt" efter ".md" (Windows skjuler ofte filtypen). [punkt-filnavn]\n  Omdøb filen til "08-x.md": et punkts fil hedder nummer, bindestreg og navn. Noter, der ikke skal med, kan ligge i en undermappe, fx noter/.`,
    `content/testudvalget/2025-03-10/budget.md: fejl: Filen kommer ikke med i mødet, fordi navnet ikke begynder med punktets nummer. [punkt-filnavn]\n  Omdøb filen til "03-budget.md": et punkts fil hedder nummer, bindestreg og navn. Noter, der ikke skal med, kan ligge i en undermappe, fx noter/.`,
  ]],
  ['js-frontmatter', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:1:1: fejl: Frontmatter skal være YAML, men er markeret som "js". [frontmatter-sprog]\n  Skriv "---" alene på første linje (uden sprognavn) og felterne som YAML.`,
  ]],
  ['mangler-felt', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:2:1: fejl: Feltet "titel" mangler. Det skal angive punktets titel. [mangler-felt]`,
  ]],
  ['mangler-moedested', [
    `content/testudvalget/2025-03-10/index.md:1:1: fejl: Feltet "mødested" mangler, og forummet har ingen standardværdi for det. [mangler-felt]\n  Skriv mødested i index.md, eller angiv en standard i forum.yml.`,
    `content/testudvalget/2025-03-10/index.md:1:1: fejl: Feltet "mødetid" mangler, og forummet har ingen standardværdi for det. [mangler-felt]\n  Skriv mødetid i index.md, eller angiv en standard i forum.yml.`,
  ]],
  ['mappe-dato', [
    `content/testudvalget/2025-03-10/index.md:2:11: fejl: Feltet "mødedato" er 2025-03-11, men mødemappen hedder "2025-03-10". [moededato-mappe]\n  Ret mødedato, eller omdøb mappen til 2025-03-11.`,
  ]],
  ['raa-html', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:8:1: fejl: Rå HTML er ikke tilladt i indholdet (fandt "<img src="http://127.0.0.1:9/x.png">"). [raa-html]\n  Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.`,
  ]],
  ['tom-titel', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:2:8: fejl: Feltet "titel" er tomt. Det skal angive punktets titel. [tom-vaerdi]`,
    `content/testudvalget/2025-03-10/01-godkendelse.md:5:10: fejl: Feltet "bilag[1].url" skal angive en webadresse (https://…), men er teksten "ftp://example.org/x". [ugyldig-vaerdi]`,
  ]],
  ['ugyldig-dato', [
    `content/testudvalget/2025-03-10/index.md:2:11: fejl: Feltet "mødedato" skal være en gyldig dato på formen ÅÅÅÅ-MM-DD (fx 2024-02-07), men er teksten "10/3 2025". [ugyldig-dato]`,
  ]],
  ['ukendt-afsnit', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:4:1: fejl: Ukendt afsnit "## Indstiling". Mente du "## Indstilling"? [ukendt-afsnit]\n  Afsnit hedder: Resumé, Indstilling, Sagsfremstilling, Beslutning, Referat, Bilag. Brug "### " til egne underoverskrifter.`,
    `content/testudvalget/2025-03-10/01-godkendelse.md:8:1: fejl: Ukendt afsnit "## Noter". [ukendt-afsnit]\n  Afsnit hedder: Resumé, Indstilling, Sagsfremstilling, Beslutning, Referat, Bilag. Brug "### " til egne underoverskrifter.`,
  ]],
  ['ukendt-felt', [
    `content/testudvalget/2025-03-10/index.md:2:1: fejl: Ukendt felt "mødedto". Mente du "mødedato"? [ukendt-felt]\n  Tilladte felter her: mødedato, mødetid, mødested, deltagere, afbud, sagsnummer, sagsbehandler, dato.`,
  ]],
  ['umulig-dato', [
    `content/testudvalget/2025-03-10/index.md:2:11: fejl: Feltet "mødedato" skal være en gyldig dato på formen ÅÅÅÅ-MM-DD (fx 2024-02-07), men er teksten "2025-02-30". [ugyldig-dato]`,
  ]],
  ['yaml-syntaks', [
    `content/testudvalget/2025-03-10/index.md:3:20: fejl: YAML-fejl: Der mangler et tegn, fx et afsluttende anførselstegn eller en parentes. [yaml-syntaks]`,
  ]],
];

describe('content diagnostics', () => {
  it.each(SCENARIOS)('%s', async (scenario, expected) => {
    const report = await buildAll({ cwd: path.join(FIXTURES, scenario), outDir });
    expect(formatDiagnostics(report.files).join('\n')).toBe(expected.join('\n'));
    expect(report.results.map((result) => result.status)).toEqual(['invalid']);
    expect(report.ok).toBe(false);
    expect(existsSync(path.join(outDir, 'testudvalget'))).toBe(false);
  });

  it('reports in a check what a build reports, and takes an item file ending in ".MD"', async () => {
    const cwd = path.join(FIXTURES, 'intet-forsvinder');
    const build = formatDiagnostics((await buildAll({ cwd, outDir })).files);
    expect(formatDiagnostics((await checkAll({ cwd })).files)).toEqual(build);
    const source = loadMeeting(findMeetings(path.join(cwd, 'content'))[0]!, cwd);
    expect(source.items.map((file) => file.basename)).toEqual(['01-godkendelse.md', '02-nyt.md', '04-a.md', '04-b.md', '09-x.MD']);
  });

  it('never evaluates a JavaScript frontmatter block', async () => {
    const marker = path.join(tmpdir(), 'pwned');
    rmSync(marker, { force: true });
    await buildAll({ cwd: path.join(FIXTURES, 'js-frontmatter'), outDir });
    expect(existsSync(marker)).toBe(false);
  });
});
