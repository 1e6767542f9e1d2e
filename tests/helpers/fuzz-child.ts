/**
 * Child-process entry for tests/helpers/fuzz-isolated.ts: runs the in-memory
 * pipeline (fuzz-pipeline.ts) on one meeting read as JSON from stdin, so that
 * a hang can be killed and a stack overflow or crash cannot take the test
 * worker with it. Prints "START" when it begins the run, then one JSON line.
 */
import { createEnvironment, messageRecords, runPipeline, type MeetingSpec } from './fuzz-pipeline.js';

interface WireSpec extends Omit<MeetingSpec, 'index' | 'items'> {
  index: string;
  items: { name: string; bytes: string }[];
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const wire = JSON.parse(Buffer.concat(chunks).toString('utf8')) as WireSpec;
const spec: MeetingSpec = {
  ...wire,
  index: Buffer.from(wire.index, 'base64'),
  items: wire.items.map((item) => ({ name: item.name, bytes: Buffer.from(item.bytes, 'base64') })),
};
const environment = createEnvironment();
process.stdout.write('START\n');
let line: string;
try {
  const result = runPipeline(spec, environment);
  line = JSON.stringify({ threw: null, fatal: result.fatal, html: result.html !== undefined, messages: messageRecords(result.files) });
} catch (error) {
  line = JSON.stringify({ threw: { name: (error as Error)?.name ?? typeof error, message: String((error as Error)?.message ?? error).slice(0, 500) } });
}
process.stdout.write(`${line}\n`, () => process.exit(0));
