// Transcript tests: each file in testdata/ is a story told as commands and the exact trace the
// cluster must print (see testing/transcript.ts for the format). A changed trace fails the
// test; `REWRITE=1 pnpm exec vitest run --project unit packages/raft` rewrites the files, after
// which the diff must be read and judged like code.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runTranscript } from './testing/transcript.js';

const dir = fileURLToPath(new URL('./testdata/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('transcripts', () => {
  test('there are transcripts to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  test.each(files)('%s', (file) => {
    const path = `${dir}${file}`;
    const expected = readFileSync(path, 'utf8');
    const actual = runTranscript(expected);
    if (process.env.REWRITE === '1') {
      writeFileSync(path, actual);
      return;
    }
    expect(actual).toBe(expected);
  });
});
