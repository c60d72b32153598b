// Builds native/crc32c.c into native/build/crc32c.node (part of `pnpm build`). The addon is an
// optimization: where it cannot be built (no C compiler, no Node headers, not x86-64) this says
// why and exits 0, and crc32c() keeps using @node-rs/crc32. BROOK_NATIVE=0 skips the build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(packageDir, 'native', 'crc32c.c');
const outputDir = join(packageDir, 'native', 'build');
const output = join(outputDir, 'crc32c.node');

function skip(reason) {
  console.log(`record-batch: native CRC-32C not built (${reason}); the portable one is used`);
  process.exit(0);
}

if (process.env.BROOK_NATIVE === '0') skip('BROOK_NATIVE=0');
if (process.arch !== 'x64') skip(`the addon is for x86-64, this is ${process.arch}`);
if (existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs) process.exit(0);

// Node's own headers: beside the node binary (official builds, Debian's nodejs) or the nodedir
// npm builds addons against.
const candidates = [join(dirname(process.execPath), '..', 'include', 'node'), process.env.npm_config_nodedir && join(process.env.npm_config_nodedir, 'include', 'node'), '/usr/include/node'];
const headers = candidates.find((dir) => dir && existsSync(join(dir, 'node_api.h')));
if (headers === undefined) skip('node_api.h not found');

const compiler = process.env.CC ?? 'cc';
mkdirSync(outputDir, { recursive: true });
const temporary = `${output}.${process.pid}.tmp`;
try {
  execFileSync(compiler, ['-O2', '-fPIC', '-shared', '-Wall', '-Werror', '-DNODE_GYP_MODULE_NAME=crc32c', `-I${headers}`, '-o', temporary, source], { stdio: ['ignore', 'inherit', 'inherit'] });
} catch (error) {
  skip(`${compiler} failed: ${error.message.split('\n')[0]}`);
}
renameSync(temporary, output);
console.log(`record-batch: built ${output}`);
