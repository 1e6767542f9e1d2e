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
  ['dato-dansk', [
    `content/testudvalget/2023-06-22/index.md:2:11: fejl: Datoen "22/06/2023" i feltet "mødedato" kan ikke bruges: den skal skrives ÅÅÅÅ-MM-DD. Mente du 2023-06-22? [ugyldig-dato]\n  Skriv datoen som år, måned og dag med bindestreger, fx 2025-03-12 for den 12. marts 2025.`,
  ]],
  ['dato-juni', [
    `content/testudvalget/2025-06-30/index.md:2:11: fejl: Datoen "2025-06-31" i feltet "mødedato" kan ikke bruges: juni har kun 30 dage. [ugyldig-dato]\n  Ret datoen efter kalenderen.`,
  ]],
  ['tabulator', [
    `content/testudvalget/2025-03-10/index.md:4:1: fejl: Linjen er rykket ind med en tabulator; felterne kan kun rykkes ind med mellemrum. [yaml-syntaks]\n  Slet tabulatoren, og ryk linjen ind med to mellemrum (under en liste: "  - ").`,
    `content/testudvalget/2025-03-10/index.md:5:1: fejl: Linjen er rykket ind med en tabulator; felterne kan kun rykkes ind med mellemrum. [yaml-syntaks]\n  Slet tabulatoren, og ryk linjen ind med to mellemrum (under en liste: "  - ").`,
  ]],
  ['almindelige-fejl', [
    `content/testudvalget/2025-03-10/index.md:5:1: fejl: Feltet "afbud" er skrevet som en tom liste ([]), men der står en liste under det. [yaml-syntaks]\n  Fjern [] efter afbud:, så punkterne under feltet bliver listen.`,
    `content/testudvalget/2025-03-10/01-budget.md:2:1: fejl: Værdien af feltet "titel" indeholder et kolon, som læses som starten på et nyt felt. [yaml-syntaks]\n  Sæt anførselstegn om titlen: titel: "Budget 2026: første behandling"`,
    `content/testudvalget/2025-03-10/02-eventuelt.md:1:1: fejl: Der mangler en linje med "---" øverst i filen, før felterne. [frontmatter-start-mangler]\n  Skriv "---" alene på første linje.`,
    `content/testudvalget/2025-03-10/03-personale.md:7:10: fejl: Linjeskift med <br> kan ikke bruges. [raa-html]\n  Slut linjen med to mellemrum eller en omvendt skråstreg (\\) for et linjeskift, eller lav en tom linje for et nyt afsnit.`,
    `content/testudvalget/2025-03-10/04-kort.md:7:1: fejl: Filen "bilag/kortt.png" til punktets billede findes ikke i mødets mappe. Mente du "bilag/kort.png"? [fil-findes-ikke]\n  Ret stien til "bilag/kort.png", hvis det er den fil.`,
    `content/testudvalget/2025-03-10/05-opfoelgning.md:2:8: fejl: Teksten fra "#" læses som en kommentar, så feltet "titel" kun bliver "Opfølgning på punkt". [kommentar-i-vaerdi]\n  Sæt anførselstegn om hele værdien: titel: "Opfølgning på punkt #3 fra sidste møde"`,
  ]],
  ['bilag-mangler', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:5:10: fejl: Filen "bilag/oplaeg.pdf" til bilag nr. 1 findes ikke i mødets mappe. [fil-findes-ikke]\n  Tjek stavningen, og at filen ligger i mødets bilag-mappe.`,
    `content/testudvalget/2025-03-10/01-godkendelse.md:7:10: fejl: Stien "../../../../etc/passwd" til bilag nr. 2 peger uden for mødets mappe. [sti-uden-for-moedet]\n  Læg filen i mødets bilag-mappe og skriv stien relativt til mødet, fx "bilag/oplaeg.pdf".`,
    `content/testudvalget/2025-03-10/01-godkendelse.md:9:10: fejl: Filen "bilag/kort.pdf" til bilag nr. 3 hedder ".pdf", men er ikke en PDF-fil. [bilag-ikke-pdf]\n  Gem bilaget som PDF igen, eller ret stien til den rigtige fil.`,
  ]],
  ['bilag-odelagt', [
    `content/testudvalget/2025-03-10/01-budget.md:5:10: fejl: Filen "bilag/notat.pdf" til bilag nr. 1 kunne ikke læses som PDF (filen er ødelagt eller tom). [bilag-kan-ikke-laeses]\n  Åbn filen i en PDF-læser, og gem den som PDF igen.`,
    `content/testudvalget/2025-03-10/01-budget.md:7:10: advarsel: Bilaget "bilag/regneark.xlsx" er hverken PDF, Markdown eller et billede, så det kommer ikke med i den samlede udgave. [bilag-kan-ikke-samles]\n  Gem bilaget som PDF (fx fra Word: Filer › Gem som › PDF), og peg på PDF-filen.`,
  ]],
  ['dobbelt-felt', [
    `content/testudvalget/2025-03-10/index.md:3:1: fejl: YAML-fejl: Feltet "mødedato" står mere end én gang. [yaml-syntaks]`,
  ]],
  ['flere-fejl', [
    `content/testudvalget/2025-03-10/index.md:3:8: fejl: Feltet "afbud" skal være en liste, men der står "Bo Berg". [forkert-type]\n  Skriv én pr. linje under feltet, rykket ind og med "- " foran, fx "  - Bo Berg".`,
    `content/testudvalget/2025-03-10/01-orientering.md:4:1: fejl: Ukendt afsnit "## Sagsfremstiling". Mente du "## Sagsfremstilling"? [ukendt-afsnit]\n  Afsnit hedder: Resumé, Indstilling, Sagsfremstilling, Beslutning, Referat, Bilag. Brug "### " til egne underoverskrifter.`,
    `content/testudvalget/2025-03-10/02-eventuelt.md:3:1: fejl: Ukendt felt "ansvarlig". [ukendt-felt]\n  Tilladte felter her: titel, tidsrum, sagsnummer, lukket, offentlig_titel, offentlig_beskrivelse, offentlig_beslutning, deltog, fraværende, inhabil, protokoltilførsel, rettelser, bilag.`,
    `content/testudvalget/2025-03-10/02-eventuelt.md:7:1: fejl: HTML-koden "<iframe src="https://example.org"></iframe>" kan ikke bruges i teksten. [raa-html]\n  Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.`,
  ]],
  ['forkert-type', [
    `content/testudvalget/2025-03-10/index.md:3:12: fejl: Feltet "deltagere" skal være en liste, men der står "Anne Andersen, Bo Berg". [forkert-type]\n  Skriv én pr. linje under feltet, rykket ind og med "- " foran, fx "  - Bo Berg".`,
  ]],
  ['forum-layout', [
    `content/testudvalget/forum.yml:3:9: fejl: Feltet "layout" skal være "kommune" eller "region", men der står "regoin". Mente du "region"? [ugyldig-vaerdi]`,
  ]],
  ['ingen-frontmatter', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:1:1: fejl: Filen begynder ikke med felterne (mindst titel). [frontmatter-mangler]\n  Skriv øverst i filen en linje med "---", felterne (fx titel: Godkendelse af dagsorden) og igen en linje med "---".`,
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
    `content/testudvalget/2025-03-10/01-godkendelse.md:1:1: fejl: Første linje skal være "---" alene, men der står "---js". [frontmatter-sprog]\n  Slet ordet efter "---", og skriv felterne på formen "navn: værdi" nedenunder.`,
  ]],
  ['mangler-felt', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:2:1: fejl: Feltet "titel" mangler. [mangler-felt]\n  Tilføj en linje "titel: …" med punktets titel.`,
  ]],
  ['mangler-moedested', [
    `content/testudvalget/2025-03-10/index.md:1:1: fejl: Feltet "mødested" mangler, og forummet har ingen standardværdi for det. [mangler-felt]\n  Skriv mødested i index.md, eller angiv en standard i forum.yml.`,
    `content/testudvalget/2025-03-10/index.md:1:1: fejl: Feltet "mødetid" mangler, og forummet har ingen standardværdi for det. [mangler-felt]\n  Skriv mødetid i index.md, eller angiv en standard i forum.yml.`,
  ]],
  ['mappe-dato', [
    `content/testudvalget/2025-03-10/index.md:2:11: fejl: Feltet "mødedato" er 2025-03-11, men mødemappen hedder "2025-03-10". [moededato-mappe]\n  Ret mødedato, eller omdøb mappen til 2025-03-11.`,
  ]],
  ['raa-html', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:8:1: fejl: HTML-koden "<img src="http://127.0.0.1:9/x.png">" kan ikke bruges i teksten. [raa-html]\n  Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.`,
  ]],
  ['tom-titel', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:2:8: fejl: Feltet "titel" er tomt. [tom-vaerdi]\n  Skriv punktets titel efter "titel:".`,
    `content/testudvalget/2025-03-10/01-godkendelse.md:5:10: fejl: Feltet "url" i bilag nr. 1 skal være en webadresse (https://…), men der står "ftp://example.org/x". [ugyldig-vaerdi]`,
  ]],
  ['ugyldig-dato', [
    `content/testudvalget/2025-03-10/index.md:2:11: fejl: Datoen "10/3 2025" i feltet "mødedato" kan ikke bruges: den skal skrives ÅÅÅÅ-MM-DD. Mente du 2025-03-10? [ugyldig-dato]\n  Skriv datoen som år, måned og dag med bindestreger, fx 2025-03-12 for den 12. marts 2025.`,
  ]],
  ['ukendt-afsnit', [
    `content/testudvalget/2025-03-10/01-godkendelse.md:4:1: fejl: Ukendt afsnit "## Indstiling". Mente du "## Indstilling"? [ukendt-afsnit]\n  Afsnit hedder: Resumé, Indstilling, Sagsfremstilling, Beslutning, Referat, Bilag. Brug "### " til egne underoverskrifter.`,
    `content/testudvalget/2025-03-10/01-godkendelse.md:8:1: fejl: Ukendt afsnit "## Noter". [ukendt-afsnit]\n  Afsnit hedder: Resumé, Indstilling, Sagsfremstilling, Beslutning, Referat, Bilag. Brug "### " til egne underoverskrifter.`,
  ]],
  ['ukendt-felt', [
    `content/testudvalget/2025-03-10/index.md:2:1: fejl: Ukendt felt "mødedto". Mente du "mødedato"? [ukendt-felt]\n  Tilladte felter her: mødedato, mødetid, mødested, deltagere, afbud, sagsnummer, sagsbehandler, dato, godkendt.`,
  ]],
  ['umulig-dato', [
    `content/testudvalget/2025-03-10/index.md:2:11: fejl: Datoen "2025-02-30" i feltet "mødedato" kan ikke bruges: februar 2025 har kun 28 dage. [ugyldig-dato]\n  Ret datoen efter kalenderen.`,
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
