/**
 * Browser discovery on Windows, macOS and Linux, each described by the files
 * that exist, the environment and process.platform: no real machine needed.
 */
import { describe, expect, it } from 'vitest';
import { findBrowser, findOnPath, type BrowserWorld } from '../../src/print/find-browser.cjs';

/** A machine with exactly these files. */
function world(platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}, downloaded?: string): BrowserWorld {
  const existing = new Set(files);
  return { platform, env, exists: (file) => existing.has(file), downloaded: downloaded === undefined ? undefined : () => downloaded };
}

const WINDOWS_ENV = {
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\sekretær\\AppData\\Local',
};
const CHROME_WINDOWS = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const EDGE_WINDOWS = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const CHROME_MAC = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';

describe('findBrowser on Windows', () => {
  it('finds Chrome in Program Files before Edge', () => {
    expect(findBrowser(world('win32', [CHROME_WINDOWS, EDGE_WINDOWS], WINDOWS_ENV)).found).toEqual({ path: CHROME_WINDOWS, name: 'Google Chrome', source: 'installed' });
  });

  it('finds Edge, which every Windows PC has, when Chrome is missing', () => {
    expect(findBrowser(world('win32', [EDGE_WINDOWS], WINDOWS_ENV)).found).toEqual({ path: EDGE_WINDOWS, name: 'Microsoft Edge', source: 'installed' });
  });

  it('finds a Chrome installed without admin rights under the user\'s AppData', () => {
    const perUser = 'C:\\Users\\sekretær\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser(world('win32', [perUser], WINDOWS_ENV)).found?.path).toBe(perUser);
  });

  it('reads the variables in any case, and knows the standard folders without them', () => {
    const other = 'D:\\Programmer\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser(world('win32', [other], { PROGRAMFILES: 'D:\\Programmer' })).found?.path).toBe(other);
    expect(findBrowser(world('win32', [CHROME_WINDOWS], {})).found?.path).toBe(CHROME_WINDOWS);
  });

  it('does not take a Linux or macOS path on Windows', () => {
    const search = findBrowser(world('win32', ['/usr/bin/chromium', CHROME_MAC], WINDOWS_ENV));
    expect(search.found).toBeUndefined();
    expect(search.tried).toEqual([
      CHROME_WINDOWS,
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\sekretær\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      EDGE_WINDOWS,
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'Puppeteers egen Chrome',
    ]);
  });
});

describe('findBrowser on macOS', () => {
  it('finds Chrome in /Applications', () => {
    expect(findBrowser(world('darwin', [CHROME_MAC], { HOME: '/Users/sekretaer' })).found).toEqual({ path: CHROME_MAC, name: 'Google Chrome', source: 'installed' });
  });

  it('finds Edge in the user\'s own Applications folder', () => {
    const edge = '/Users/sekretaer/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findBrowser(world('darwin', [edge, '/usr/bin/chromium'], { HOME: '/Users/sekretaer' })).found).toEqual({ path: edge, name: 'Microsoft Edge', source: 'installed' });
  });
});

describe('findBrowser on Linux', () => {
  it('finds Debian\'s chromium first', () => {
    expect(findBrowser(world('linux', ['/usr/bin/google-chrome', '/usr/bin/chromium'])).found).toEqual({ path: '/usr/bin/chromium', name: 'Chromium', source: 'installed' });
  });

  it('falls back on Puppeteer\'s own download, and says where it looked when there is none', () => {
    const cache = '/root/.cache/puppeteer/chrome/linux-131/chrome-linux64/chrome';
    expect(findBrowser(world('linux', [cache], {}, cache)).found).toEqual({ path: cache, name: 'Puppeteers egen Chrome', source: 'downloaded' });
    const none = findBrowser(world('linux', [], {}, cache));
    expect(none.found).toBeUndefined();
    expect(none.tried).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', cache]);
  });

  it('treats a Puppeteer that is not installed like no download', () => {
    const broken: BrowserWorld = { ...world('linux', []), downloaded: () => { throw new Error('Cannot find module \'puppeteer\''); } };
    expect(findBrowser(broken).found).toBeUndefined();
  });
});

describe('a configured browser', () => {
  it('wins on every platform', () => {
    const portable = 'E:\\Bærbar\\chrome.exe';
    expect(findBrowser(world('win32', [portable, CHROME_WINDOWS], { ...WINDOWS_ENV, PUPPETEER_EXECUTABLE_PATH: portable })).found).toEqual({ path: portable, name: 'den valgte browser', source: 'configured' });
    expect(findBrowser(world('darwin', ['/opt/chrome', CHROME_MAC], { PUPPETEER_EXECUTABLE_PATH: '/opt/chrome' })).found?.path).toBe('/opt/chrome');
  });

  it('is an error when it is missing: no other browser is taken instead', () => {
    expect(findBrowser(world('linux', ['/usr/bin/chromium'], { PUPPETEER_EXECUTABLE_PATH: '/opt/findes-ikke' }))).toEqual({ tried: ['/opt/findes-ikke'] });
  });
});

describe('findOnPath', () => {
  it('finds a program on a Windows PATH with the endings of PATHEXT', () => {
    const env = { Path: 'C:\\Windows\\system32;C:\\Program Files\\nodejs', PATHEXT: '.COM;.EXE;.CMD' };
    expect(findOnPath('npm', world('win32', ['C:\\Program Files\\nodejs\\npm.cmd'], env))).toBe('C:\\Program Files\\nodejs\\npm.cmd');
    expect(findOnPath('npm', world('win32', ['C:\\Program Files\\nodejs\\npm'], env))).toBeUndefined();
  });

  it('finds a program on a POSIX PATH, and nothing when it is not there', () => {
    const env = { PATH: '/usr/local/bin:/usr/bin' };
    expect(findOnPath('pdftoppm', world('linux', ['/usr/bin/pdftoppm'], env))).toBe('/usr/bin/pdftoppm');
    expect(findOnPath('apt-get', world('darwin', ['/usr/bin/pdftoppm'], env))).toBeUndefined();
  });
});
