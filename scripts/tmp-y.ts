import { VFile } from 'vfile';
import { splitFrontmatter } from '../src/validate/frontmatter.js';
import { formatDiagnostics } from '../src/diagnostics/format.js';
for (const text of [
  '---\ntitel: Punkt 3: Budget\n---\n',
  '---\ntitel: Opfølgning: budget 2025\nlukket: ja\n---\n',
  '---\nmødedato: 2025-06-01\nafbud: []\n  - Bo Berg\n  - Anne\n---\n',
  '---\nmødedato: 2025-06-01\nafbud: []\n- Bo Berg\n---\n',
  '---\nmødedato: 2025-06-01\ndeltagere:\n\t- Bo Berg\n\t- Anne\nafbud: []\n---\n',
  '---\nmødedato: 2025-06-01\n\tmødested: Rådhuset\nafbud: []\n---\n',
  'titel: Eventuelt\n---\n\nTekst.\n',
  '---\ntitel: Opfølgning på punkt #3 fra sidste møde\n---\n',
]) {
  const f = new VFile({ path: 'x.md', cwd: '/', value: text });
  const r = splitFrontmatter(f);
  console.log(JSON.stringify(text), '\n ', formatDiagnostics([f]).join('\n  '), JSON.stringify(r.frontmatter?.data), JSON.stringify(r.body).slice(0, 60));
}
