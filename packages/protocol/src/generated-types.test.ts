// Checks that src/generated/ is what proto-loader-gen-types makes from proto/ today (the same
// check as `pnpm --filter @brook/protocol run check:types`), and that the comparison itself
// notices a changed, a missing and a stale file, so a passing check means something.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkGeneratedTypes, diffTrees } from '../scripts/generate-types.mjs';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'brook-protocol-tree-'));
  tempDirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('generated types', () => {
  it('match what the generator makes from proto/ now', () => {
    expect(checkGeneratedTypes()).toEqual([]);
  });
});

describe('diffTrees', () => {
  it('finds no difference between equal trees', () => {
    expect(diffTrees(tree({ 'a.ts': 'x', 'b/c.ts': 'y' }), tree({ 'a.ts': 'x', 'b/c.ts': 'y' }))).toEqual([]);
  });

  it('reports changed, missing and no-longer-generated files', () => {
    const expected = tree({ 'a.ts': 'x', 'b/c.ts': 'y' });
    const actual = tree({ 'a.ts': 'x changed', 'old.ts': 'z' });
    expect(diffTrees(expected, actual).sort()).toEqual(['differs: a.ts', 'missing: b/c.ts', 'not generated any more: old.ts']);
  });
});
