#!/usr/bin/env bash
# npm test: every tier. Type check, unit tests, DB and HTTP tests on SQLite and on a throwaway
# PostgreSQL cluster, then the end-to-end tests in Debian's Chromium against the built app.
set -euo pipefail
cd "$(dirname "$0")/.."

is_root() { [ "$(id -u)" = "0" ]; }

need_package() { # $1 = file that proves it is installed, $2 = apt package
  if [ -e "$1" ]; then return; fi
  if is_root && command -v apt-get >/dev/null; then
    echo "Installing $2 (needed by the tests)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "error: $2 is not installed ($1 missing). Install it with: sudo apt-get install -y $2" >&2
    exit 1
  fi
}

need_package /usr/bin/chromium chromium
# The onboard outline tests read the PDFs' text with pdftotext.
need_package /usr/bin/pdftotext poppler-utils
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need_package /usr/lib/postgresql/15/bin/initdb postgresql; fi

echo "== format and lint (Biome)"
npx biome check . --error-on-warnings

echo "== unused files, exports and dependencies (knip)"
npx knip

echo "== type check"
npx tsc -p tsconfig.json

# The build comes first: test/web-budgets.test.ts measures it.
echo "== build the web app"
npx vite build --logLevel warn

echo "== unit, DB (SQLite + PostgreSQL) and HTTP tests"
npx vitest run

echo "== end-to-end tests (Chromium)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test
