/**
 * Lint of the GitHub Actions workflows, offline: GitHub's own workflow parser
 * (@actions/workflow-parser, the schema and expression checks behind the
 * Actions editor) plus this project's rules: every `npm run X` names a script
 * in package.json, every `node --import tsx FILE` names a file that exists,
 * actions are pinned to a major version or a commit, container images to a
 * tag. Inline broken workflows prove each check can fail.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/api.js';

const WORKFLOWS = '.github/workflows';
const packageScripts = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** owner/repo[/path]@vN[.N[.N]] or @<40-hex SHA>; local actions (./…) are part of the repository. */
const PINNED_ACTION = /^(?:\.\/.+|[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@(?:v\d+(?:\.\d+){0,2}|[0-9a-f]{40}))$/;
/** `npm run [--flag …] SCRIPT` */
const NPM_RUN = /\bnpm run((?:\s+--?[\w-]+)*)\s+([\w:.-]+)/g;
const TSX_FILE = /\bnode --import tsx\s+([\w./-]+\.ts)\b/g;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
interface Job {
  container?: string | { image?: string };
  steps?: Step[];
}
interface Workflow {
  jobs?: Record<string, Job>;
}

/** Problems GitHub's parser finds: YAML, schema, expressions, cron, job graph. */
async function schemaProblems(file: string, source: string): Promise<string[]> {
  const result = parseWorkflow({ name: file, content: source }, new NoOperationTraceWriter());
  if (result.value) await convertWorkflowTemplate(result.context, result.value);
  return [...new Set(result.context.errors.getErrors().map((error) => error.message))];
}

/** This project's rules, in Danish like everything else a developer reads from the tools. */
function projectProblems(file: string, workflow: Workflow, scripts: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    const image = typeof job.container === 'string' ? job.container : job.container?.image;
    if (image !== undefined && !/:(?!latest$)[\w.-]+$|@sha256:[0-9a-f]{64}$/.test(image)) {
      problems.push(`${file}: job ${jobId}: containeren "${image}" har ingen fast version (fx node:20-bookworm).`);
    }
    (job.steps ?? []).forEach((step, index) => {
      const where = `${file}: job ${jobId}, trin ${index + 1}${step.name ? ` (${step.name})` : ''}`;
      if (step.uses !== undefined && !PINNED_ACTION.test(step.uses)) {
        problems.push(`${where}: "${step.uses}" er ikke låst til en hovedversion (fx @v4) eller en commit.`);
      }
      for (const [, , script] of step.run?.matchAll(NPM_RUN) ?? []) {
        if (!Object.hasOwn(scripts, script!)) problems.push(`${where}: "npm run ${script}" er ikke et script i package.json.`);
      }
      for (const [, script] of step.run?.matchAll(TSX_FILE) ?? []) {
        if (!existsSync(path.join(PROJECT_ROOT, script!))) problems.push(`${where}: ${script} findes ikke.`);
      }
    });
  }
  return problems;
}

async function lintWorkflow(file: string, source: string, scripts = packageScripts): Promise<string[]> {
  const schema = await schemaProblems(file, source);
  if (schema.length > 0) return schema;
  return projectProblems(file, parse(source) as Workflow, scripts);
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
}

function uploadsArtifacts(workflow: Workflow): boolean {
  return steps(workflow).some((step) => step.uses?.startsWith('actions/upload-artifact@'));
}

const files = readdirSync(path.join(PROJECT_ROOT, WORKFLOWS))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => `${WORKFLOWS}/${name}`)
  .sort();
const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

describe('the workflows in .github/workflows', () => {
  it('include the pull request, the nightly rebuild and the publication', () => {
    expect(files).toEqual(expect.arrayContaining([`${WORKFLOWS}/pr.yml`, `${WORKFLOWS}/rebuild.yml`, `${WORKFLOWS}/publish.yml`]));
  });

  it.each(files)('%s passes the lint', async (file) => {
    expect(await lintWorkflow(file, read(file))).toEqual([]);
  });

  it('pr.yml runs on pull requests, checks the content and uploads the PDFs and pages', () => {
    const workflow = parse(read(`${WORKFLOWS}/pr.yml`)) as Workflow & { on: Record<string, unknown> };
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const runs = steps(workflow).map((step) => step.run ?? '');
    expect(runs.some((run) => run.includes('npm run check'))).toBe(true);
    expect(runs.some((run) => run.includes('npm run build-referat --'))).toBe(true);
    expect(runs.some((run) => run.includes('npm run build-dagsorden --'))).toBe(true);
    expect(uploadsArtifacts(workflow)).toBe(true);
  });

  it('rebuild.yml runs on a schedule and on demand, and rebuilds everything with --force', () => {
    const workflow = parse(read(`${WORKFLOWS}/rebuild.yml`)) as Workflow & { on: Record<string, unknown> };
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const builds = steps(workflow).filter((step) => /npm run build-(referat|dagsorden) --/.test(step.run ?? ''));
    expect(builds.map((step) => step.run)).toEqual([
      'npm run build-referat -- --force --shard ${{ matrix.shard }}/4',
      'npm run build-dagsorden -- --force --shard ${{ matrix.shard }}/4',
    ]);
    expect(uploadsArtifacts(workflow)).toBe(true);
  });

  it('publish.yml runs on pushes to main that change content/ and on demand, builds everything and attaches the PDFs to releases', () => {
    const workflow = parse(read(`${WORKFLOWS}/publish.yml`)) as Workflow & { on: Record<string, { branches?: string[]; paths?: string[] } | null>; permissions: Record<string, string> };
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(workflow.on.push).toEqual({ branches: ['main'], paths: ['content/**'] });
    expect(workflow.permissions).toEqual({ contents: 'write' });
    const runs = steps(workflow).map((step) => step.run ?? '');
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm run build-referat', 'npm run build-dagsorden']));
    const upload = runs.find((run) => run.includes('gh release upload'));
    expect(upload).toContain('gh release create "$tag"');
    expect(upload).toContain('--clobber');
    // No referat before the meeting's decisions are written.
    expect(upload).toContain('npm run --silent check -- "content/$forum/$meeting"');
    expect(upload).toContain('[ingen-beslutning]');
  });
});

describe('the lint fails on a broken workflow', () => {
  it('reports schema and expression errors with their line', async () => {
    const broken = [
      'name: Brudt',
      'on: pul_request',
      'jobs:',
      '  review:',
      '    runs-on: ubuntu-latest',
      '    step:',
      '      - run: npm ci',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ github.sha( }}',
      '',
    ].join('\n');
    expect(await lintWorkflow('brudt.yml', broken)).toEqual([
      "brudt.yml (Line: 2, Col: 5): Unexpected value 'pul_request'",
      "brudt.yml (Line: 6, Col: 5): Unexpected value 'step'",
      "brudt.yml (Line: 11, Col: 14): Unexpected symbol: '('",
    ]);
  });

  it('reports a bad cron line and a job graph without a start', async () => {
    const broken = [
      'on:',
      '  schedule:',
      "    - cron: '61 2 * * *'",
      'jobs:',
      '  build:',
      '    needs: gather',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: npm ci',
      '  gather:',
      '    needs: build',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: npm ci',
      '',
    ].join('\n');
    expect(await lintWorkflow('brudt.yml', broken)).toEqual([
      "brudt.yml (Line: 3, Col: 13): Invalid cron expression. Expected format: '* * * * *' (minute hour day month weekday)",
      'brudt.yml (Line: 5, Col: 3): The workflow must contain at least one job with no dependencies.',
    ]);
  });

  it('reports unknown npm scripts, missing scripts files, unpinned actions and untagged containers', async () => {
    const broken = [
      'on: pull_request',
      'jobs:',
      '  review:',
      '    runs-on: ubuntu-latest',
      '    container: node',
      '    steps:',
      '      - uses: actions/checkout@main',
      '      - uses: actions/setup-node@v4',
      '      - name: Tjek',
      '        run: npm run --if-present chek && npm run check',
      '      - run: node --import tsx scripts/ci/findes-ikke.ts',
      '      - uses: actions/upload-artifact@3f4a0c1b2d5e6f708192a3b4c5d6e7f809123456',
      '',
    ].join('\n');
    expect(await lintWorkflow('brudt.yml', broken, { check: 'node check.js' })).toEqual([
      'brudt.yml: job review: containeren "node" har ingen fast version (fx node:20-bookworm).',
      'brudt.yml: job review, trin 1: "actions/checkout@main" er ikke låst til en hovedversion (fx @v4) eller en commit.',
      'brudt.yml: job review, trin 3 (Tjek): "npm run chek" er ikke et script i package.json.',
      'brudt.yml: job review, trin 4: scripts/ci/findes-ikke.ts findes ikke.',
    ]);
  });

  it('tells a workflow that uploads nothing', () => {
    const workflow = parse('jobs:\n  review:\n    steps:\n      - uses: actions/upload-pages-artifact@v3\n      - run: npm ci\n') as Workflow;
    expect(uploadsArtifacts(workflow)).toBe(false);
  });
});
