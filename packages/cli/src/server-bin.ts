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

/**
 * Node flags every brook-server process gets from the cli. A bounded young generation: V8 starts
 * an incremental mark-compact whenever the old generation's headroom is smaller than the young
 * generation, and with a broker's small live heap (~20 MB) and a young generation grown to its
 * 16 MB default that was a full collection every ~300 ms under steady produce load (--trace-gc),
 * pausing the event loop for up to tens of milliseconds. 8 MB semi-spaces keep the headroom
 * larger; scavenges stay a millisecond each. Measured with `pnpm bench:cluster --only latency`
 * (BENCH_NODE_ARGS="--trace-gc"): 25 mark-compacts in 10 s became 1.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

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
