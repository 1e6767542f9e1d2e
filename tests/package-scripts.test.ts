/**
 * The package.json scripts run the same under cmd.exe and PowerShell on a
 * Windows PC as under sh: no bash, no POSIX commands or syntax. Broken
 * scripts prove each rule can fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/api.js';

const RULES: { pattern: RegExp; why: string }[] = [
  { pattern: /(^|[\s;&|(])(ba|z|da)?sh(\s|$)/, why: 'kræver en POSIX-skal (bash/sh)' },
  { pattern: /\.sh\b/, why: 'kører et shell-script' },
  {
    pattern: /(^|[\s;&|(])(rm|cp|mv|mkdir|cat|ls|grep|sed|awk|chmod|chown|ln|touch|export|which|test|find|xargs|head|tail|true|false|kill|pkill|sleep|env)(\s|$)/,
    why: 'bruger en POSIX-kommando, som Windows ikke har (brug et Node-script)',
  },
  { pattern: /(^|[\s;&|])[A-Za-z_][A-Za-z0-9_]*=\S*\s+\S/, why: 'sætter en miljøvariabel foran kommandoen (X=1 kommando), som cmd.exe ikke forstår' },
  { pattern: /\$[A-Za-z_{(]|%[A-Za-z_]+%/, why: 'bruger en skals variabel ($X eller %X%)' },
  { pattern: /'/, why: "bruger enkelte anførselstegn, som cmd.exe ikke forstår som anførselstegn" },
  { pattern: /`/, why: 'bruger backticks' },
  { pattern: /\/dev\/null|2>&1|[^|]\|\|/, why: 'bruger POSIX-omdirigering eller ||' },
  { pattern: /;/, why: 'adskiller kommandoer med ";", som cmd.exe ikke kender' },
  { pattern: /(^|\s)\.\/|\\/, why: 'kører en fil med ./ eller en sti med \\' },
];

function scriptProblems(scripts: Record<string, string>): string[] {
  return Object.entries(scripts).flatMap(([name, command]) =>
    RULES.filter((rule) => rule.pattern.test(command)).map((rule) => `"${name}": ${command} – ${rule.why}`),
  );
}

describe('package.json scripts', () => {
  it('need neither bash nor POSIX commands', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(Object.keys(scripts)).toContain('setup');
    expect(scriptProblems(scripts)).toEqual([]);
  });

  it('are told apart from scripts that need a POSIX shell', () => {
    expect(
      scriptProblems({
        setup: 'bash scripts/setup.sh',
        clean: 'rm -rf output dist',
        ci: 'sh -c "npm ci"',
        quiet: 'CI=1 vitest run',
        build: 'mkdir -p output && node scripts/cli.mjs main referat',
        out: 'node x.mjs --out $HOME/output',
        quote: "node -e 'process.exit(0)'",
        silence: 'vitest run 2>/dev/null || true',
        chain: 'tsc --noEmit; vitest run',
        local: './node_modules/.bin/vitest',
        fine: 'tsc --noEmit && vitest run',
        cli: 'node scripts/cli.mjs main referat',
        tsx: 'node --import tsx scripts/bench.ts',
      }),
    ).toEqual([
      '"setup": bash scripts/setup.sh – kræver en POSIX-skal (bash/sh)',
      '"setup": bash scripts/setup.sh – kører et shell-script',
      '"clean": rm -rf output dist – bruger en POSIX-kommando, som Windows ikke har (brug et Node-script)',
      '"ci": sh -c "npm ci" – kræver en POSIX-skal (bash/sh)',
      '"quiet": CI=1 vitest run – sætter en miljøvariabel foran kommandoen (X=1 kommando), som cmd.exe ikke forstår',
      '"build": mkdir -p output && node scripts/cli.mjs main referat – bruger en POSIX-kommando, som Windows ikke har (brug et Node-script)',
      '"out": node x.mjs --out $HOME/output – bruger en skals variabel ($X eller %X%)',
      "\"quote\": node -e 'process.exit(0)' – bruger enkelte anførselstegn, som cmd.exe ikke forstår som anførselstegn",
      '"silence": vitest run 2>/dev/null || true – bruger en POSIX-kommando, som Windows ikke har (brug et Node-script)',
      '"silence": vitest run 2>/dev/null || true – bruger POSIX-omdirigering eller ||',
      '"chain": tsc --noEmit; vitest run – adskiller kommandoer med ";", som cmd.exe ikke kender',
      '"local": ./node_modules/.bin/vitest – kører en fil med ./ eller en sti med \\',
    ]);
  });
});
