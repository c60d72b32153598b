#!/usr/bin/env bash
# Sets up a fresh machine for Brook: the pinned pnpm, the locked dependencies, a build.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$pnpm_version" ]; then
  echo "setup: installing pnpm@$pnpm_version"
  npm install -g --no-fund --no-audit "pnpm@$pnpm_version" >/dev/null
fi
if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install --frozen-lockfile --prefer-offline
fi
pnpm build
