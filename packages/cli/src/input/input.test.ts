// Checks stdin line splitting (chunk boundaries, CRLF, a last line without newline, the line
// limit), key separator parsing and -o offset specs, on hand-made inputs.
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { parseOffsetSpec } from './offset-spec.js';
import { createLineParser } from './record-line.js';
import { readLines } from './stdin-lines.js';

async function lines(chunks: Array<string | Buffer>, max?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const line of readLines((async function* () { yield* chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)); })(), max)) {
    out.push(line.toString());
  }
  return out;
}

describe('readLines', () => {
  it('splits across chunk boundaries and keeps empty lines', async () => {
    expect(await lines(['a\nb', 'c\n\nd', 'ef\n'])).toEqual(['a', 'bc', '', 'def']);
  });
  it('drops the CR of CRLF and yields a last line without newline', async () => {
    expect(await lines(['one\r\ntwo\r', '\nthree'])).toEqual(['one', 'two', 'three']);
  });
  it('yields nothing for empty input and one empty line for a lone newline', async () => {
    expect(await lines([])).toEqual([]);
    expect(await lines(['\n'])).toEqual(['']);
  });
  it('passes bytes that are not UTF-8 through unchanged', async () => {
    const out: Buffer[] = [];
    for await (const line of readLines((async function* () { yield Buffer.from([0xff, 0xfe, 0x0a, 0x80]); })())) out.push(line);
    expect(out).toEqual([Buffer.from([0xff, 0xfe]), Buffer.from([0x80])]);
  });
  it('refuses a line past the limit, naming its number', async () => {
    await expect(lines(['ok\n', 'x'.repeat(6), 'y\n'], 5)).rejects.toThrow(/line 2 is longer than 5 bytes/);
    await expect(lines(['ok\n', 'x'.repeat(6)], 5)).rejects.toBeInstanceOf(CliError);
    expect(await lines(['12345\n'], 5)).toEqual(['12345']);
  });
});

describe('createLineParser', () => {
  it('without a separator: null key, whole line as value', () => {
    expect(createLineParser(undefined).parse(Buffer.from('k:v'), 1)).toEqual({ key: null, value: Buffer.from('k:v') });
  });
  it('splits at the first separator only', () => {
    const record = createLineParser('::').parse(Buffer.from('user-1::a::b'), 1);
    expect(record.key?.toString()).toBe('user-1');
    expect(record.value.toString()).toBe('a::b');
  });
  it('allows an empty key and an empty value', () => {
    const record = createLineParser(':').parse(Buffer.from(':'), 1);
    expect(record.key?.length).toBe(0);
    expect(record.value.length).toBe(0);
  });
  it('refuses a line without the separator with its line number', () => {
    expect(() => createLineParser(':').parse(Buffer.from('novalue'), 7)).toThrow(/line 7 has no key separator ':'/);
    expect(() => createLineParser('')).toThrow(CliError);
  });
});

describe('parseOffsetSpec', () => {
  it('reads every form', () => {
    expect(parseOffsetSpec('start')).toEqual({ kind: 'earliest' });
    expect(parseOffsetSpec('beginning')).toEqual({ kind: 'earliest' });
    expect(parseOffsetSpec('END')).toEqual({ kind: 'latest' });
    expect(parseOffsetSpec('42')).toEqual({ kind: 'offset', offset: 42n });
    expect(parseOffsetSpec('@1700000000000')).toEqual({ kind: 'timestamp', timestampMs: 1700000000000n });
  });
  it('refuses anything else', () => {
    for (const bad of ['-1', '@', '@x', '1.5', 'middle', '']) expect(() => parseOffsetSpec(bad)).toThrow(CliError);
  });
});
