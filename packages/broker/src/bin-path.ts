// Where the built broker bin is, for the cli (`brook server start`) and the test harness, which
// start the server as a separate process rather than importing it.
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of packages/broker/dist/bin/brook-server.js. The same relative URL works from
 * src/bin-path.ts (vitest runs sources) and from dist/bin-path.js, both one level below the
 * package root; from src it names the build output, which `pnpm build` makes.
 */
export const brokerBinPath: string = fileURLToPath(new URL('../dist/bin/brook-server.js', import.meta.url));
