// Where the broker's executable is. The cli never imports broker code (ARCHITECTURE.md's
// dependency rule); it runs the broker's bin, `@brook/broker/dist/bin/brook-server.js`, as a
// child process. The path is found, in order, from BROOK_SERVER_BIN (an override for packaged
// installs and tests), from resolving the @brook/broker package (the cli depends on it at run
// time only, so pnpm links it beside the cli), and from the monorepo layout
// (packages/cli/dist/ -> packages/broker/dist/bin/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './cli-error.js';

const BIN_RELATIVE_TO_PACKAGE_DIST = join('bin', 'brook-server.js');

function fromPackageResolution(): string | null {
  try {
    // Resolves the package's "." export (dist/index.js) to a path without loading it.
    const entry = fileURLToPath(import.meta.resolve('@brook/broker'));
    return join(dirname(entry), BIN_RELATIVE_TO_PACKAGE_DIST);
  } catch {
    return null;
  }
}

function fromMonorepoLayout(): string {
  // This file is packages/cli/dist/server-bin.js once built.
  return fileURLToPath(new URL('../../broker/dist/bin/brook-server.js', import.meta.url));
}

export function resolveServerBin(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['BROOK_SERVER_BIN'];
  const candidates = override ? [override] : [fromPackageResolution(), fromMonorepoLayout()];
  for (const candidate of candidates) {
    if (candidate !== null && existsSync(candidate)) return candidate;
  }
  const looked = candidates.filter((c): c is string => c !== null).join(', ');
  throw new CliError('SERVER_BIN_NOT_FOUND', `no broker executable at ${looked}; run pnpm build (or set BROOK_SERVER_BIN)`);
}
