/**
 * The asset server: only the layout's stylesheets, the bundled fonts and the
 * meeting's own files, never anything outside them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/api.js';
import { createAssetServer, fontPackageDir } from '../../src/print/assets.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let root: string;
let meetingDir: string;
const assets = createAssetServer(DEFAULT_TEMPLATES);

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-assets-'));
  meetingDir = path.join(root, 'content', 'udvalget', '2024-02-07');
  mkdirSync(path.join(meetingDir, 'bilag'), { recursive: true });
  writeFileSync(path.join(meetingDir, 'index.md'), '---\nmødedato: 2024-02-07\n---\n');
  writeFileSync(path.join(meetingDir, 'bilag', 'x.png'), PNG);
  writeFileSync(path.join(meetingDir, 'bilag', 'kørsel 1.JPG'), 'jpg');
  writeFileSync(path.join(meetingDir, 'bilag', 'oplaeg.pdf'), '%PDF-1.7');
  writeFileSync(path.join(root, 'content', 'udvalget', 'hemmelig.png'), 'uden for mødet');
  symlinkSync(path.join(root, 'content', 'udvalget', 'hemmelig.png'), path.join(meetingDir, 'bilag', 'ude.png'));
  symlinkSync('/etc/hostname', path.join(meetingDir, 'bilag', 'host.png'));
  symlinkSync(path.join(meetingDir, 'bilag', 'x.png'), path.join(meetingDir, 'bilag', 'genvej.png'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('createAssetServer', () => {
  it('serves the layout stylesheets from the templates folder', () => {
    const base = assets.resolve('/templates/base.css', meetingDir);
    expect(base?.contentType).toBe('text/css; charset=utf-8');
    expect(base?.body.equals(readFileSync(path.join(DEFAULT_TEMPLATES, 'base.css')))).toBe(true);
    const region = assets.resolve('/templates/region/region.css', meetingDir);
    expect(region?.body.equals(readFileSync(path.join(DEFAULT_TEMPLATES, 'region', 'region.css')))).toBe(true);
  });

  it('serves a font CSS file and the font files it references', () => {
    const css = assets.resolve('/fonts/source-sans-3/400.css', meetingDir);
    expect(css?.contentType).toBe('text/css; charset=utf-8');
    const text = css!.body.toString('utf8');
    const woff2 = /url\(\.\/(files\/[^)]*latin-400-normal\.woff2)\)/.exec(text)?.[1];
    expect(woff2).toBeDefined();
    const font = assets.resolve(`/fonts/source-sans-3/${woff2}`, meetingDir);
    expect(font?.contentType).toBe('font/woff2');
    expect(font?.body.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect(font?.body.equals(readFileSync(path.join(fontPackageDir(), woff2!)))).toBe(true);
    const woff = assets.resolve(`/fonts/source-sans-3/${woff2!.replace(/\.woff2$/, '.woff')}`, meetingDir);
    expect(woff?.contentType).toBe('font/woff');
  });

  it("serves the meeting's own files under /moede/", () => {
    const png = assets.resolve('/moede/bilag/x.png', meetingDir);
    expect(png).toEqual({ body: PNG, contentType: 'image/png' });
    const encoded = assets.resolve('/moede/bilag/k%C3%B8rsel%201.JPG', meetingDir);
    expect(encoded?.contentType).toBe('image/jpeg');
    expect(encoded?.body.toString()).toBe('jpg');
  });

  it('serves a symlink that stays inside the meeting folder', () => {
    expect(assets.resolve('/moede/bilag/genvej.png', meetingDir)?.body.equals(PNG)).toBe(true);
  });

  it("serves each meeting's files from that meeting's folder", () => {
    const other = path.join(root, 'content', 'udvalget', '2024-03-01');
    mkdirSync(path.join(other, 'bilag'), { recursive: true });
    writeFileSync(path.join(other, 'bilag', 'x.png'), 'anden');
    expect(assets.resolve('/moede/bilag/x.png', other)?.body.toString()).toBe('anden');
    expect(assets.resolve('/moede/bilag/x.png', meetingDir)?.body.equals(PNG)).toBe(true);
  });

  it.each([
    '/moede/../hemmelig.png',
    '/moede/bilag/../../hemmelig.png',
    '/moede/%2e%2e/hemmelig.png',
    '/moede/%2E%2E%2Fhemmelig.png',
    '/moede/bilag/%2e%2e%2f%2e%2e%2fhemmelig.png',
    '/templates/../package.json',
    '/templates/%2e%2e/node_modules/@fontsource/source-sans-3/400.css',
    '/templates/%2e%2e%2fnode_modules/@fontsource/source-sans-3/400.css',
    '/fonts/source-sans-3/../../../templates/base.css',
    '/fonts/source-sans-3/%2e%2e/%2e%2e/%2e%2e/templates/base.css',
  ])('refuses the escape %s', (pathname) => {
    expect(assets.resolve(pathname, meetingDir)).toBeUndefined();
  });

  it('allows ".." that stays inside the same root (it names a file inside)', () => {
    expect(assets.resolve('/moede/bilag/../bilag/x.png', meetingDir)?.body.equals(PNG)).toBe(true);
  });

  it('refuses a symlink that leads outside the meeting folder', () => {
    expect(assets.resolve('/moede/bilag/ude.png', meetingDir)).toBeUndefined();
    expect(assets.resolve('/moede/bilag/host.png', meetingDir)).toBeUndefined();
  });

  it.each([
    '/moede/bilag/oplaeg.pdf',
    '/moede/index.md',
    '/moede/bilag/',
    '/templates/kommune/document.hbs',
    '/templates/README.md',
    '/fonts/source-sans-3/package.json',
  ])('refuses the unknown or missing file type %s', (pathname) => {
    expect(assets.resolve(pathname, meetingDir)).toBeUndefined();
  });

  it('refuses files that do not exist', () => {
    expect(assets.resolve('/moede/bilag/findes-ikke.png', meetingDir)).toBeUndefined();
    expect(assets.resolve('/templates/findes-ikke.css', meetingDir)).toBeUndefined();
  });

  it.each([
    '/etc/hostname',
    '/dokument.html',
    '/base.css',
    '/templatesbase.css',
    '/fonts/andet/400.css',
    '/node_modules/@fontsource/source-sans-3/400.css',
    '/moede',
    `/${'%2e%2e/'.repeat(6)}etc/hostname`,
  ])('refuses %s outside the known prefixes', (pathname) => {
    expect(assets.resolve(pathname, meetingDir)).toBeUndefined();
  });

  it('refuses a malformed percent-encoding instead of throwing', () => {
    expect(assets.resolve('/moede/bilag/%E0%A4%A.png', meetingDir)).toBeUndefined();
  });
});
