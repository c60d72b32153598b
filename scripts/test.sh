#!/usr/bin/env bash
# The README's test command: set up, run the static checks, then every test suite. The last
# line printed is `N passed, N failed, N skipped`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm check
node scripts/test-all.mjs "$@"
