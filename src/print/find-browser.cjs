/**
 * Which browser prints, on Windows, macOS and Linux alike. One module for
 * the pipeline (chromium-path.ts), `npm run setup` (scripts/setup.mjs) and
 * Puppeteer's install-time configuration (.puppeteerrc.cjs).
 *
 * Plain CommonJS on purpose: setup and .puppeteerrc.cjs run before anything
 * is installed or compiled, and .puppeteerrc.cjs is loaded with require().
 * Types: find-browser.d.cts.
 *
 * Pure: the file system, the environment and the platform are given to it,
 * so a test can describe a Windows PC or a Mac on a Linux machine.
 */
'use strict';

const path = require('node:path');

/** A variable of the environment; Windows spells them in any case (ProgramFiles, PROGRAMFILES). */
function variable(env, name) {
  if (env[name] !== undefined) return env[name] || undefined;
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name.toUpperCase());
  return (key && env[key]) || undefined;
}

/** Chrome and Edge where their installers put them, by platform; Chrome before Edge. */
function installedBrowsers(env, platform) {
  if (platform === 'win32') {
    const programFiles = variable(env, 'ProgramFiles') || 'C:\\Program Files';
    const programFilesX86 = variable(env, 'ProgramFiles(x86)') || 'C:\\Program Files (x86)';
    const localAppData = variable(env, 'LOCALAPPDATA');
    const chrome = ['Google', 'Chrome', 'Application', 'chrome.exe'];
    const edge = ['Microsoft', 'Edge', 'Application', 'msedge.exe'];
    return [
      { path: path.win32.join(programFiles, ...chrome), name: 'Google Chrome' },
      { path: path.win32.join(programFilesX86, ...chrome), name: 'Google Chrome' },
      // Chrome installed by a user without admin rights.
      ...(localAppData ? [{ path: path.win32.join(localAppData, ...chrome), name: 'Google Chrome' }] : []),
      { path: path.win32.join(programFilesX86, ...edge), name: 'Microsoft Edge' },
      { path: path.win32.join(programFiles, ...edge), name: 'Microsoft Edge' },
    ];
  }
  if (platform === 'darwin') {
    const home = variable(env, 'HOME');
    const apps = ['/Applications', ...(home ? [path.posix.join(home, 'Applications')] : [])];
    const bundles = [
      ['Google Chrome', 'Google Chrome'],
      ['Microsoft Edge', 'Microsoft Edge'],
      ['Chromium', 'Chromium'],
    ];
    return bundles.flatMap(([app, name]) => apps.map((dir) => ({ path: path.posix.join(dir, `${app}.app`, 'Contents', 'MacOS', app), name })));
  }
  // Linux and the rest: Debian's chromium first, as the project's machines and CI use it.
  return [
    { path: '/usr/bin/chromium', name: 'Chromium' },
    { path: '/usr/bin/chromium-browser', name: 'Chromium' },
    { path: '/usr/bin/google-chrome', name: 'Google Chrome' },
    { path: '/usr/bin/google-chrome-stable', name: 'Google Chrome' },
    { path: '/usr/bin/microsoft-edge', name: 'Microsoft Edge' },
  ];
}

/**
 * The browser to print with: the configured one (PUPPETEER_EXECUTABLE_PATH;
 * if it is set but missing, nothing else is tried), else an installed Chrome,
 * Edge or Chromium, else Puppeteer's own download when `downloaded` names one.
 */
function findBrowser(world) {
  const { exists, env, platform } = world;
  const configured = variable(env, 'PUPPETEER_EXECUTABLE_PATH');
  if (configured) {
    return exists(configured) ? { found: { path: configured, name: 'den valgte browser', source: 'configured' }, tried: [configured] } : { tried: [configured] };
  }
  const installed = installedBrowsers(env, platform);
  const tried = installed.map((candidate) => candidate.path);
  const hit = installed.find((candidate) => exists(candidate.path));
  if (hit) return { found: { ...hit, source: 'installed' }, tried };
  let downloaded;
  try {
    downloaded = world.downloaded ? world.downloaded() : undefined;
  } catch {
    downloaded = undefined;
  }
  if (downloaded && exists(downloaded)) return { found: { path: downloaded, name: 'Puppeteers egen Chrome', source: 'downloaded' }, tried: [...tried, downloaded] };
  return { tried: [...tried, downloaded || 'Puppeteers egen Chrome'] };
}

/** A program on PATH (Windows: with one of PATHEXT's endings), or undefined. */
function findOnPath(program, world) {
  const { exists, env, platform } = world;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const directories = (variable(env, 'PATH') || '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const endings = platform === 'win32' ? (variable(env, 'PATHEXT') || '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const directory of directories) {
    for (const ending of endings) {
      const candidate = paths.join(directory, program + ending.toLowerCase());
      if (exists(candidate)) return candidate;
    }
  }
  return undefined;
}

module.exports = { findBrowser, findOnPath };
