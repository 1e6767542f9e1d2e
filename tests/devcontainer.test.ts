/**
 * .devcontainer/ for GitHub Codespaces and VS Code Dev Containers. No npm
 * package ships the devcontainer.json JSON schema, so its structure is
 * checked here against the parts of the specification (containers.dev) the
 * project uses: known properties with the right types, a Dockerfile that
 * exists and installs what printing and the tests need, the preview's port
 * forwarded, set-up run on creation, and the YAML schemas active as in
 * .vscode/. A broken file proves each check can fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/api.js';

const DIR = path.join(PROJECT_ROOT, '.devcontainer');
/** `npm run preview`'s default port (src/cli/preview.ts). */
const PREVIEW_PORT = 4321;
/** Top-level properties of devcontainer.json in the specification (image and Dockerfile based containers). */
const KNOWN = new Set([
  'name', 'image', 'build', 'dockerComposeFile', 'service', 'runServices', 'workspaceFolder', 'workspaceMount', 'features',
  'overrideFeatureInstallOrder', 'forwardPorts', 'portsAttributes', 'otherPortsAttributes', 'appPort', 'containerEnv', 'remoteEnv',
  'containerUser', 'remoteUser', 'updateRemoteUserUID', 'userEnvProbe', 'mounts', 'runArgs', 'privileged', 'capAdd', 'securityOpt',
  'init', 'overrideCommand', 'shutdownAction', 'initializeCommand', 'onCreateCommand', 'updateContentCommand', 'postCreateCommand',
  'postStartCommand', 'postAttachCommand', 'waitFor', 'hostRequirements', 'customizations', '$schema',
]);
const AUTO_FORWARD = ['notify', 'openBrowser', 'openBrowserOnce', 'openPreview', 'silent', 'ignore'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCommand = (value: unknown) =>
  typeof value === 'string' || (Array.isArray(value) && value.every((part) => typeof part === 'string')) || (isObject(value) && Object.values(value).every((part) => typeof part === 'string' || Array.isArray(part)));

/** Problems with a devcontainer.json (and its Dockerfile, read from `dir`), in Danish. */
function devcontainerProblems(config: Json, dir: string, vscodeSettings: Json, recommended: string[]): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(config)) if (!KNOWN.has(key)) problems.push(`Ukendt felt "${key}".`);
  if (typeof config.name !== 'string') problems.push('"name" skal være en tekst.');
  const build = config.build;
  if (!isObject(build) || typeof build.dockerfile !== 'string') {
    problems.push('"build.dockerfile" skal nævne en Dockerfile.');
  } else if (!existsSync(path.join(dir, build.dockerfile))) {
    problems.push(`Dockerfilen ${build.dockerfile} findes ikke.`);
  } else {
    const dockerfile = readFileSync(path.join(dir, build.dockerfile), 'utf8');
    if (!/^FROM \S+:(?:\d+-)?20-bookworm$/m.test(dockerfile)) problems.push('Dockerfilen skal bygge på et Node.js 20-billede på Debian bookworm med fast version.');
    for (const debianPackage of ['chromium', 'poppler-utils']) {
      if (!new RegExp(`apt-get install[^\\n]*\\s${debianPackage}(\\s|$)`, 'm').test(dockerfile)) problems.push(`Dockerfilen installerer ikke ${debianPackage}.`);
    }
  }
  const ports = config.forwardPorts;
  if (!Array.isArray(ports) || !ports.every((port) => (Number.isInteger(port) && port > 0 && port < 65536) || (typeof port === 'string' && /^[\w.-]+:\d+$/.test(port)))) {
    problems.push('"forwardPorts" skal være en liste af porte (tal) eller "vært:port".');
  } else if (!ports.includes(PREVIEW_PORT)) {
    problems.push(`"forwardPorts" mangler forhåndsvisningens port ${PREVIEW_PORT}.`);
  }
  const attributes = config.portsAttributes;
  if (attributes !== undefined) {
    for (const [port, value] of Object.entries(isObject(attributes) ? attributes : { '?': undefined })) {
      if (!isObject(value) || (value.onAutoForward !== undefined && !AUTO_FORWARD.includes(String(value.onAutoForward)))) problems.push(`"portsAttributes.${port}" er ugyldig.`);
    }
  }
  for (const key of ['onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand']) {
    if (config[key] !== undefined && !isCommand(config[key])) problems.push(`"${key}" skal være en kommando (tekst, liste eller gruppe af kommandoer).`);
  }
  if (config.postCreateCommand !== 'npm run setup') problems.push('"postCreateCommand" skal være "npm run setup".');
  const vscode = isObject(config.customizations) && isObject(config.customizations.vscode) ? config.customizations.vscode : {};
  const extensions = Array.isArray(vscode.extensions) ? vscode.extensions : [];
  for (const extension of recommended) if (!extensions.includes(extension)) problems.push(`Udvidelsen ${extension} (.vscode/extensions.json) bliver ikke installeret.`);
  const settings = isObject(vscode.settings) ? vscode.settings : {};
  for (const key of ['yaml.schemas', 'yaml.yamlVersion']) {
    if (JSON.stringify(settings[key]) !== JSON.stringify(vscodeSettings[key])) problems.push(`Indstillingen "${key}" er ikke den samme som i .vscode/settings.json.`);
  }
  return problems;
}

const readJson = (file: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')) as Json;
const vscodeSettings = readJson('.vscode/settings.json');
const recommended = readJson('.vscode/extensions.json').recommendations as string[];

describe('.devcontainer/devcontainer.json', () => {
  it('passes the structural check', () => {
    expect(devcontainerProblems(readJson('.devcontainer/devcontainer.json'), DIR, vscodeSettings, recommended)).toEqual([]);
  });

  it('activates YAML schemas that exist', () => {
    const schemas = Object.keys(vscodeSettings['yaml.schemas'] as Json);
    expect(schemas.length).toBeGreaterThan(0);
    for (const schema of schemas) expect(existsSync(path.join(PROJECT_ROOT, schema)), schema).toBe(true);
  });

  it('fails a broken one, each check with its own line', () => {
    const broken = {
      name: 7,
      imag: 'node:20',
      build: { dockerfile: 'findes-ikke.Dockerfile' },
      forwardPorts: [3000],
      portsAttributes: { '4321': { onAutoForward: 'openTab' } },
      postCreateCommand: 42,
      customizations: { vscode: { extensions: [], settings: { 'yaml.yamlVersion': '1.1' } } },
    };
    expect(devcontainerProblems(broken, DIR, vscodeSettings, recommended)).toEqual([
      'Ukendt felt "imag".',
      '"name" skal være en tekst.',
      'Dockerfilen findes-ikke.Dockerfile findes ikke.',
      '"forwardPorts" mangler forhåndsvisningens port 4321.',
      '"portsAttributes.4321" er ugyldig.',
      '"postCreateCommand" skal være en kommando (tekst, liste eller gruppe af kommandoer).',
      '"postCreateCommand" skal være "npm run setup".',
      'Udvidelsen redhat.vscode-yaml (.vscode/extensions.json) bliver ikke installeret.',
      'Indstillingen "yaml.schemas" er ikke den samme som i .vscode/settings.json.',
      'Indstillingen "yaml.yamlVersion" er ikke den samme som i .vscode/settings.json.',
    ]);
  });
});
