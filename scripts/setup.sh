#!/usr/bin/env bash
# Sets referat up on this machine and builds the example meetings.
# Run it as `npm run setup` from the project folder.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)'; then
  echo "referat kræver Node.js 20.19 eller nyere (fandt $(node --version))." >&2
  exit 1
fi

has_chromium() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] || [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ] || [ -x /usr/bin/google-chrome ]
}

# A system Chromium where the machine can install one; otherwise `npm ci`
# lets Puppeteer download its own (see .puppeteerrc.cjs).
if ! has_chromium && command -v apt-get >/dev/null 2>&1; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "Installerer Chromium med apt-get …"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium
fi

# pdftoppm renders the page images of the visual regression test.
if ! command -v pdftoppm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "Installerer poppler-utils (pdftoppm) med apt-get …"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq poppler-utils
fi

npm ci
npm run build-referat
npm run build-dagsorden
