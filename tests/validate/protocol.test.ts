/**
 * The rules of a beslutningsprotokol in the content: a closed item says why
 * and carries the public texts its reason requires, no CPR number reaches a
 * public edition, and the names in an item's protocol are members.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../src/check.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { findCprNumbers } from '../../src/validate/personal-data.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const MEETING = 'content/udvalget/2025-10-02';
const RULE =
  'Ankestyrelsen (2021): "Kun lukkede punkter, der specifikt er lukket på grund af tavshedspligt, må offentliggøres uden andet indhold end en (intetsigende) overskrift. For alle andre punkter skal det fremgå, hvad sagen drejer sig om".';
const REASONS =
  'Grundene er tavshedspligt (oplysninger under tavshedspligt, fx personalesager og sager om enkeltpersoners helbred eller økonomi); ejendomshandel (køb eller salg af fast ejendom); udbud (udbud og licitation); forhandling (forhandlinger om kontrakter og aftaler); retssag (retssager og erstatningskrav, hvor myndigheden er part). Se README, "Lukkede punkter".';
const CPR_PUBLIC = 'fejl: Teksten indeholder et CPR-nummer, og den kommer med i den offentlige udgave. [cpr-nummer]\n  Fjern CPR-nummeret: personnumre må ikke offentliggøres. Skriv fx "borgeren" eller et journalnummer i stedet.';
const CPR_INTERNAL =
  'advarsel: Teksten indeholder et CPR-nummer. Den står kun i den interne udgave, men referatet har sjældent brug for det. [cpr-nummer-internt]\n  Overvej at fjerne CPR-nummeret; det er nok at henvise til sagen.';

async function check(fixture: string, kind: 'referat' | 'dagsorden' = 'referat') {
  const report = await checkAll({ cwd: path.join(FIXTURES, fixture), kind });
  return { ok: report.ok, diagnostics: formatDiagnostics(report.files) };
}

describe('closed items', () => {
  it('asks for the reason of an item closed with ja, refuses an unknown reason and names the missing public texts', async () => {
    expect(await check('lukket-uden-grund')).toEqual({
      ok: false,
      diagnostics: [
        `${MEETING}/01-personale.md:3:9: fejl: Punktet er lukket, men feltet "lukket" siger ikke hvorfor. Grunden afgør, hvad der alligevel skal offentliggøres. [lukket-uden-grund]\n  Skriv grunden i stedet for ja, fx "lukket: udbud". ${REASONS}`,
        `${MEETING}/02-rengoering.md:3:9: fejl: Feltet "lukket" skal være "tavshedspligt" eller "ejendomshandel" eller "udbud" eller "forhandling" eller "retssag" eller "ja" eller "nej", men der står "licitation". [ugyldig-vaerdi]`,
        `${MEETING}/03-koeb.md:1:1: fejl: Punktet er lukket (ejendomshandel), men feltet "offentlig_titel" mangler. ${RULE} [lukket-mangler-offentlig-tekst]\n  Skriv offentlig_titel i punktets frontmatter: en titel, der kan stå offentligt, fx "Salg af erhvervsgrund".`,
        `${MEETING}/03-koeb.md:1:1: fejl: Punktet er lukket (ejendomshandel), men feltet "offentlig_beskrivelse" mangler. ${RULE} [lukket-mangler-offentlig-tekst]\n  Skriv offentlig_beskrivelse i punktets frontmatter: kort, hvad sagen drejer sig om, uden det, der skal holdes hemmeligt.`,
      ],
    });
  });

  const TAVSHEDSPLIGT = `${MEETING}/02-personale.md:4:1: advarsel: Punktet er lukket på grund af tavshedspligt, så den offentlige udgave viser kun titlen; "offentlig_beskrivelse" kommer ikke med. [tavshedspligt-kun-titel]\n  Slet feltet, eller vælg en anden grund til at lukke punktet, hvis sagen kan beskrives offentligt.`;

  it('a referat needs the public decision of an item closed for any reason but tavshedspligt', async () => {
    expect(await check('lukket-uden-beslutning')).toEqual({
      ok: false,
      diagnostics: [
        `${MEETING}/01-udbud.md:1:1: fejl: Punktet er lukket (udbud), men feltet "offentlig_beslutning" mangler. ${RULE} [lukket-mangler-offentlig-tekst]\n  Skriv offentlig_beslutning i punktets frontmatter: hvad der blev besluttet, fx "Udvalget godkendte salget; prisen offentliggøres, når handlen er endelig".`,
        TAVSHEDSPLIGT,
      ],
    });
  });

  it('a dagsorden does not: nothing is decided yet', async () => {
    expect(await check('lukket-uden-beslutning', 'dagsorden')).toEqual({ ok: true, diagnostics: [TAVSHEDSPLIGT] });
  });
});

describe('CPR numbers', () => {
  it('refuses one in any text a public edition prints and warns about one only the internal edition holds', async () => {
    expect(await check('cpr-nummer')).toEqual({
      ok: false,
      diagnostics: [
        // The meeting's introduction is in every edition.
        `${MEETING}/index.md:5:10: ${CPR_PUBLIC}`,
        // An open item's title and decision; the title of a bilag not for publication only warns.
        `${MEETING}/01-borger.md:2:19: ${CPR_PUBLIC}`,
        `${MEETING}/01-borger.md:6:22: ${CPR_INTERNAL}`,
        `${MEETING}/01-borger.md:13:26: ${CPR_PUBLIC}`,
        // A closed item: its public title is public, its title and text are not.
        `${MEETING}/02-personale.md:2:16: ${CPR_INTERNAL}`,
        `${MEETING}/02-personale.md:4:32: ${CPR_PUBLIC}`,
        `${MEETING}/02-personale.md:9:14: ${CPR_INTERNAL}`,
        // A public Markdown bilag, and one not for publication.
        `${MEETING}/bilag/klage.md:3:16: ${CPR_PUBLIC}`,
        `${MEETING}/bilag/svar.md:3:5: ${CPR_INTERNAL}`,
      ],
    });
  });

  it.each([
    ['311299-4321', [0]],
    ['CPR 010203 1234.', [4]],
    ['290296-1111', [0]],
    ['290297-1111 (no 29 February in 1997 or 2097)', []],
    ['320199-1234 (no 32nd)', []],
    ['011399-1234 (no 13th month)', []],
    ['12345678-1234', []],
    ['0102031234 (no dash: too often a case or phone number)', []],
    ['sag 2024-010203-1234', []],
  ])('%s', (text, found) => {
    expect(findCprNumbers(text)).toEqual(found);
  });
});

describe('protocol names', () => {
  it('warns about a name that is neither a participant nor a member, with a suggestion', async () => {
    expect(await check('protokol-navne')).toEqual({
      ok: true,
      diagnostics: [
        `${MEETING}/01-sag.md:4:5: advarsel: "Bo Bergh" er hverken blandt mødets deltagere eller forummets medlemmer. Mente du "Bo Berg"? [ukendt-medlem]\n  Tjek stavningen, eller tilføj personen til deltagere i index.md eller medlemmer i forum.yml.`,
        `${MEETING}/01-sag.md:8:11: advarsel: "Zelda Zorn" er hverken blandt mødets deltagere eller forummets medlemmer. [ukendt-medlem]\n  Tjek stavningen, eller tilføj personen til deltagere i index.md eller medlemmer i forum.yml.`,
        // Not a name, but as easily overlooked: a public text on an open item.
        `${MEETING}/02-orientering.md:3:1: advarsel: Feltet "offentlig_titel" bruges kun, når punktet er lukket; punktet er åbent og vises helt. [offentlig-tekst-uden-lukket]`,
      ],
    });
  });
});
