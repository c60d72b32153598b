#!/usr/bin/env node
// Copies the repository's proto/ (the single source of truth) into packages/protocol/proto/, for
// packing or `pnpm deploy`: a package's `files` cannot reach outside the package. In the
// monorepo the loader reads the top-level proto/ directly and ignores this copy (src/loader.ts),
// so a stale copy can never shadow an edit; the copy is git-ignored.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../../../proto/', import.meta.url));
const target = fileURLToPath(new URL('../proto/', import.meta.url));

if (!existsSync(source)) {
  console.error(`copy:proto: ${source} not found; run this inside the Brook repository`);
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
console.log(`copy:proto: copied ${source} to ${target}`);
