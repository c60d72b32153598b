// Builds Brook's native addons (part of `pnpm build`): each is an optimization with a portable
// fallback, so where one cannot be built (no C compiler, no Node headers, another CPU or OS) this
// says why and goes on, exiting 0. BROOK_NATIVE=0 skips them all.
//   record-batch: native/crc32c.c -> CRC-32C with SSE 4.2 (else @node-rs/crc32), x86-64 only;
//   storage: native/page-cache.c -> posix_fadvise(DONTNEED) (else durable bytes stay in the page
//   cache until the kernel evicts them), Linux only.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addons = [
  { pkg: 'record-batch', name: 'crc32c', fallback: 'the portable CRC-32C is used', supported: () => (process.arch === 'x64' ? undefined : `the addon is for x86-64, this is ${process.arch}`) },
  { pkg: 'storage', name: 'page-cache', fallback: 'durable log bytes stay in the page cache', supported: () => (process.platform === 'linux' ? undefined : `posix_fadvise is used on Linux only, this is ${process.platform}`) },
];

// Node's own headers: beside the node binary (official builds, Debian's nodejs) or the nodedir
// npm builds addons against.
const candidates = [join(dirname(process.execPath), '..', 'include', 'node'), process.env.npm_config_nodedir && join(process.env.npm_config_nodedir, 'include', 'node'), '/usr/include/node'];
const headers = candidates.find((dir) => dir && existsSync(join(dir, 'node_api.h')));
const compiler = process.env.CC ?? 'cc';

function build({ pkg, name, fallback, supported }) {
  const skip = (reason) => console.log(`${pkg}: native ${name} not built (${reason}); ${fallback}`);
  if (process.env.BROOK_NATIVE === '0') return skip('BROOK_NATIVE=0');
  const unsupported = supported();
  if (unsupported !== undefined) return skip(unsupported);
  const source = join(root, 'packages', pkg, 'native', `${name}.c`);
  const outputDir = join(root, 'packages', pkg, 'native', 'build');
  const output = join(outputDir, `${name}.node`);
  if (existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs) return;
  if (headers === undefined) return skip('node_api.h not found');
  mkdirSync(outputDir, { recursive: true });
  const temporary = `${output}.${process.pid}.tmp`;
  try {
    execFileSync(compiler, ['-O2', '-fPIC', '-shared', '-Wall', '-Werror', `-DNODE_GYP_MODULE_NAME=${name.replace(/-/g, '_')}`, `-I${headers}`, '-o', temporary, source], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (error) {
    return skip(`${compiler} failed: ${error.message.split('\n')[0]}`);
  }
  renameSync(temporary, output);
  console.log(`${pkg}: built ${output}`);
}

for (const addon of addons) build(addon);
