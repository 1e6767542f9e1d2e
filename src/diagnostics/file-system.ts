/**
 * File-system failures in the user's words: what happened to which file and
 * what to do. One table per direction, by error code (errno name), so a new
 * condition is one more row. None of them is a content mistake.
 */
import type { DiagnosticInput } from './diagnostic.js';
import { printable } from './format.js';

type Describe = (file: string, code: string) => { reason: string; note: string; rule?: string };

const KEPT = 'Den tidligere PDF er urørt.';

/** Reading a content file: `file` is shown as the user would type it. */
export const READ_FAILURES: Record<string, Describe> = {
  EACCES: (file, code) => ({
    reason: `Filen "${file}" kan ikke læses: der er ikke adgang til den (${code}).`,
    note: 'Giv den bruger, der bygger, læseadgang til filen (fx chmod a+r), og prøv igen.',
  }),
  EIO: (file, code) => ({
    reason: `Filen "${file}" kan ikke læses: disken svarede med en fejl (${code}).`,
    note: 'Hent filen igen fra en god kilde; sker det igen, så tjek disken.',
  }),
  ENOENT: (file, code) => ({
    reason: `Filen "${file}" forsvandt, mens mødet blev læst (${code}).`,
    note: 'Byg igen, når ingen længere ændrer mødets filer.',
  }),
};
READ_FAILURES.EPERM = READ_FAILURES.EACCES!;

/** Writing an output file. */
export const WRITE_FAILURES: Record<string, Describe> = {
  EACCES: (file, code) => ({
    reason: `"${file}" kunne ikke skrives: der er ikke adgang til at skrive i output-mappen (${code}).`,
    note: `Giv den bruger, der bygger, skriveadgang til output-mappen, eller vælg en anden med --out. ${KEPT}`,
  }),
  EROFS: (file, code) => ({
    reason: `"${file}" kunne ikke skrives: output-mappen ligger på et skrivebeskyttet drev (${code}).`,
    note: `Vælg en output-mappe på et drev, der kan skrives på, med --out. ${KEPT}`,
  }),
  ENOSPC: (file, code) => ({
    reason: `"${file}" kunne ikke skrives: disken er fuld (${code}).`,
    note: `Frigør plads på disken, eller vælg en output-mappe på et andet drev med --out, og byg igen. ${KEPT}`,
  }),
};
WRITE_FAILURES.EDQUOT = WRITE_FAILURES.ENOSPC!;
// Windows refuses to replace a PDF that a viewer holds open (EBUSY, or EPERM on the rename).
WRITE_FAILURES.EBUSY = (file, code) => ({
  rule: 'fil-i-brug',
  reason: `${file} kunne ikke gemmes, fordi filen er åben i et andet program (${code}). Den gamle fil er uændret.`,
  note: "Luk PDF'en i dit PDF-program og byg igen.",
});
WRITE_FAILURES.EPERM = WRITE_FAILURES.EBUSY;

function codeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describe(table: Record<string, Describe>, error: unknown, file: string, fallback: Describe): ReturnType<Describe> | undefined {
  const code = codeOf(error);
  if (code === undefined) return undefined;
  return (table[code] ?? fallback)(printable(file), code);
}

/** A failure to read `file` as a diagnostic; undefined when it is no file-system error. */
export function readFailure(error: unknown, file: string): DiagnosticInput | undefined {
  const described = describe(READ_FAILURES, error, file, (shown, code) => ({
    reason: `Filen "${shown}" kan ikke læses (${code}).`,
    note: 'Tjek, at filen er en almindelig fil, som den bruger, der bygger, kan læse, og prøv igen.',
  }));
  return described && { rule: 'fil-kan-ikke-laeses', ...described };
}

/** A failure to write the output `file` as a diagnostic; undefined when it is no file-system error. */
export function writeFailure(error: unknown, file: string): DiagnosticInput | undefined {
  const described = describe(WRITE_FAILURES, error, file, (shown, code) => ({
    reason: `"${shown}" kunne ikke skrives (${code}).`,
    note: `Tjek output-mappen og disken, og byg igen. ${KEPT}`,
  }));
  return described && { rule: 'kan-ikke-skrive', ...described };
}
