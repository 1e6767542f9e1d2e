// Puppeteer reads this at install time and at launch.
// Where a browser that can print is installed (Debian's chromium, Chrome or
// Edge in their standard places, or one named by PUPPETEER_EXECUTABLE_PATH:
// the same search as the pipeline's, src/print/find-browser.cjs), skip
// Puppeteer's own browser download: it is not needed, and on machines
// without general internet access it fails. Elsewhere the download runs.
const { existsSync } = require('node:fs');
const { findBrowser } = require('./src/print/find-browser.cjs');

const installed = findBrowser({ exists: existsSync, env: process.env, platform: process.platform }).found;

/** @type {import('puppeteer').Configuration} */
module.exports = {
  skipDownload: Boolean(process.env.PUPPETEER_SKIP_DOWNLOAD) || installed !== undefined,
};
