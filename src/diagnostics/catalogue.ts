/**
 * The error catalogue: every message the secretariat can see, in Danish. Each
 * says what happened and what was found; the note says what to do.
 */
import { closest, distance } from 'fastest-levenshtein';

/** Suggest the closest known name when it is plausibly a typo. */
export function suggest(found: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const normalized = normalizeName(found);
  const best = closest(normalized, known.map(normalizeName));
  const limit = Math.max(1, Math.min(3, Math.floor(best.length / 3)));
  if (distance(normalized, best) > limit) return undefined;
  return known.find((name) => normalizeName(name) === best);
}

/** Case- and accent-insensitive form: "RESUMÉ" and "resume" are the same name. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[:.]+$/, '')
    .trim();
}

export function quote(value: string): string {
  return `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;
}

/** Describe a found value in Danish: what kind it is and what it holds. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'ingenting';
  if (value === null) return 'en tom værdi';
  if (typeof value === 'string') return value.trim() === '' ? 'en tom tekst' : `teksten ${quote(value)}`;
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  if (Array.isArray(value)) return value.length === 0 ? 'en tom liste' : `en liste med ${value.length === 1 ? 'én linje' : `${value.length} linjer`}`;
  if (typeof value === 'object') return `felter under det (${Object.keys(value).join(', ') || 'ingen'})`;
  return String(value);
}

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'Det samme felt står to gange.',
  TAB_AS_INDENT: 'Der er brugt tabulator til indrykning; YAML kræver mellemrum.',
  BAD_INDENT: 'Indrykningen passer ikke med linjerne ovenfor.',
  MISSING_CHAR: 'Der mangler et tegn, fx et afsluttende anførselstegn eller en parentes.',
  MULTILINE_IMPLICIT_KEY: 'Et feltnavn fortsætter over flere linjer; der mangler sandsynligvis ":" eller anførselstegn.',
  BLOCK_AS_IMPLICIT_KEY: 'En værdi er skrevet, hvor der skulle stå et feltnavn.',
  UNEXPECTED_TOKEN: 'Et tegn står et sted, hvor det ikke giver mening i YAML.',
  BAD_SCALAR_START: 'En værdi begynder med et tegn, der kræver anførselstegn (fx @, ` eller %).',
  BAD_ALIAS: 'En henvisning (*navn) peger ikke på et anker (&navn).',
  ALIAS_LIMIT: 'Henvisningerne (*navn) udfolder sig til alt for meget data.',
  BAD_DIRECTIVE: 'Ugyldigt YAML-direktiv.',
  TAG_RESOLVE_FAILED: 'En værdi har et ukendt eller ugyldigt YAML-mærke (!tag).',
  ALIAS_PROPS: 'En henvisning (*navn) må ikke have et anker eller mærke.',
  BAD_DQ_ESCAPE: 'En tekst i dobbelte anførselstegn har en ugyldig \\-kode; skriv \\\\ for en omvendt skråstreg, eller brug enkelte anførselstegn.',
  BAD_PROP_ORDER: 'Anker (&navn) og mærke (!tag) står i forkert rækkefølge.',
  BLOCK_IN_FLOW: 'En liste eller gruppe med linjeskift står inden i [ ] eller { }.',
  IMPOSSIBLE: 'Teksten kan ikke læses som YAML.',
  KEY_OVER_1024_CHARS: 'Et feltnavn er længere end 1024 tegn.',
  MULTIPLE_ANCHORS: 'En værdi har mere end ét anker (&navn).',
  MULTIPLE_DOCS: 'Frontmatter må kun indeholde ét YAML-dokument (fjern "..." eller en ekstra "---").',
  MULTIPLE_TAGS: 'En værdi har mere end ét mærke (!tag).',
  NON_STRING_KEY: 'Et feltnavn skal være tekst.',
  RESOURCE_EXHAUSTION: 'Henvisningerne (*navn) udfolder sig til alt for meget data.',
  BAD_COLLECTION_TYPE: 'En liste eller gruppe har en ugyldig type.',
};

export function yamlMessage(code: string, key?: string): string {
  if (code === 'DUPLICATE_KEY' && key) return `YAML-fejl: Feltet ${quote(key)} står mere end én gang.`;
  // Every code the yaml package can report has Danish text; an unknown future
  // code still gets a Danish sentence rather than the library's English.
  return `YAML-fejl: ${YAML_MESSAGES[code] ?? YAML_MESSAGES.IMPOSSIBLE}`;
}
