#!/usr/bin/env node
// Generates the TypeScript types of the wire contract (src/generated/) from proto/ with
// proto-loader-gen-types, the generator shipped with @grpc/proto-loader.
//
//   node scripts/generate-types.mjs          regenerate src/generated/ (pnpm gen:types)
//   node scripts/generate-types.mjs --check  generate into a temporary directory and fail if the
//                                            committed files differ (pnpm check:types)
//
// The flags below must describe the same decoding as PROTO_LOADER_OPTIONS in src/loader.ts, or
// the types would lie about the objects the loader produces; src/loader.test.ts checks that.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const generatedDir = join(packageRoot, 'src', 'generated');

// The include directory is given relative to the package root (and the generator runs there),
// because the generator writes it into every file's "Original file:" comment: an absolute path
// would make the output differ from one checkout to the next.
const protoIncludeDir = '../../proto';

/** The entry files, relative to proto/; they import the rest. Keep equal to BROOK_PROTO_FILES. */
export const protoEntryFiles = ['brook/v1/client.proto', 'brook/v1/raft.proto', 'brook/v1/controller.proto', 'brook/v1/replication.proto'];

/** The generator's decoding flags: the counterpart of PROTO_LOADER_OPTIONS. */
export const decodingFlags = ['--longs=String', '--enums=String', '--defaults', '--oneofs'];

const outputFlags = [
  '--includeComments',
  '--grpcLib=@grpc/grpc-js',
  // NodeNext resolution wants explicit .js extensions on relative imports.
  '--importFileExtension=.js',
];

function generate(outDir) {
  const require = createRequire(import.meta.url);
  const generator = require.resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');
  execFileSync(
    process.execPath,
    [generator, ...decodingFlags, ...outputFlags, '-I', protoIncludeDir, '-O', outDir, ...protoEntryFiles],
    { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

function listFiles(dir) {
  const files = [];
  const walk = (current) => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path));
    }
  };
  walk(dir);
  return files.sort();
}

/** Compares two generated trees; returns one line per difference. */
export function diffTrees(expectedDir, actualDir) {
  const expected = listFiles(expectedDir);
  const actual = new Set(listFiles(actualDir));
  const differences = [];
  for (const file of expected) {
    if (!actual.has(file)) differences.push(`missing: ${file}`);
    else if (readFileSync(join(expectedDir, file), 'utf8') !== readFileSync(join(actualDir, file), 'utf8')) {
      differences.push(`differs: ${file}`);
    }
    actual.delete(file);
  }
  for (const file of actual) differences.push(`not generated any more: ${file}`);
  return differences;
}

/** Generates into a temporary directory and compares with src/generated/. */
export function checkGeneratedTypes() {
  const tempDir = mkdtempSync(join(tmpdir(), 'brook-protocol-types-'));
  try {
    generate(tempDir);
    return diffTrees(tempDir, generatedDir);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

function main() {
  if (process.argv.includes('--check')) {
    const differences = checkGeneratedTypes();
    if (differences.length > 0) {
      console.error('check:types: packages/protocol/src/generated/ is out of date with proto/:');
      for (const line of differences) console.error(`  ${line}`);
      console.error('Run `pnpm --filter @brook/protocol run gen:types` and commit the result.');
      process.exit(1);
    }
    console.log('check:types: generated types match proto/');
    return;
  }
  // Regenerate from scratch so types of deleted messages do not linger.
  rmSync(generatedDir, { recursive: true, force: true });
  generate(generatedDir);
  console.log(`gen:types: wrote ${listFiles(generatedDir).length} files to ${relative(packageRoot, generatedDir)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
