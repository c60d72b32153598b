#!/usr/bin/env node
// Tidy: the project's structural checks.
//  1. Each package.json's workspace dependencies follow the dependency rule (fails the run).
//  2. Files past ~400 lines and functions past ~70 lines are reported (STYLE.md "Size"): the
//     guide is a signal to look, not a hard limit, so these print but do not fail unless
//     --strict is given.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { allowedImports, runtimeOnly } from './dependency-rule.mjs';

const root = new URL('..', import.meta.url).pathname;
const fileLinesMax = 400;
const functionLinesMax = 70;
const strict = process.argv.includes('--strict');
const problems = [];
const notices = [];

function checkPackageDependencies() {
  const packagesDir = join(root, 'packages');
  for (const name of readdirSync(packagesDir)) {
    const manifestPath = join(packagesDir, name, 'package.json');
    if (!existsSync(manifestPath)) continue;
    if (!(name in allowedImports)) {
      problems.push(`packages/${name}: not in the dependency rule (scripts/dependency-rule.mjs)`);
      continue;
    }
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.name !== `@brook/${name}`) problems.push(`packages/${name}/package.json: name must be @brook/${name}`);
    const allowed = new Set([...allowedImports[name], ...(runtimeOnly[name] ?? [])].map((d) => `@brook/${d}`));
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const dep of Object.keys(manifest[field] ?? {})) {
        if (dep.startsWith('@brook/') && !allowed.has(dep)) {
          problems.push(`packages/${name}/package.json: ${field} has ${dep}, which the dependency rule does not allow`);
        }
      }
    }
  }
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'generated' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mjs)$/.test(entry) && !entry.endsWith('.d.ts')) yield path;
  }
}

function checkSizes() {
  for (const top of ['packages', 'scripts', 'test']) {
    const dir = join(root, top);
    if (!existsSync(dir)) continue;
    for (const path of sourceFiles(dir)) {
      const text = readFileSync(path, 'utf8');
      const name = relative(root, path);
      const lines = text.split('\n').length;
      if (lines > fileLinesMax) notices.push(`${name}: ${lines} lines (guide: ${fileLinesMax}); does it hold one idea?`);
      const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
      const visit = (node) => {
        if (ts.isFunctionLike(node) && node.body) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          const length = end - start + 1;
          if (length > functionLinesMax) {
            const label = node.name ? node.name.getText(source) : '(anonymous)';
            notices.push(`${name}:${start + 1}: function ${label} is ${length} lines (guide: ${functionLinesMax})`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
}

checkPackageDependencies();
checkSizes();
for (const notice of notices) console.log(`tidy: note: ${notice}`);
for (const problem of problems) console.log(`tidy: error: ${problem}`);
const failing = problems.length + (strict ? notices.length : 0);
console.log(`tidy: ${problems.length} errors, ${notices.length} size notes`);
process.exit(failing > 0 ? 1 : 0);
