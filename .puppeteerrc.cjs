// Puppeteer reads this at install time and at launch.
// Where a system Chromium is present (Debian's `chromium`, or one named by
// PUPPETEER_EXECUTABLE_PATH), skip Puppeteer's own browser download: it is
// not needed, and on machines without general internet access it fails.
// Elsewhere the download runs as usual.
const { existsSync } = require('node:fs');

const systemChromium = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';

/** @type {import('puppeteer').Configuration} */
module.exports = {
  skipDownload: Boolean(process.env.PUPPETEER_SKIP_DOWNLOAD) || existsSync(systemChromium),
};
