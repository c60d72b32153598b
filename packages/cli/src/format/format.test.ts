// Checks how records and listings print: the JSON line shape, every template placeholder and
// escape, encodings for binary data, and table and JSON listings.
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import type { ConsumedRecord } from '../session.js';
import { compileRecordTemplate, encodeBytes, recordToJson } from './record-format.js';
import { renderJson, renderTable } from './table.js';

const record: ConsumedRecord = {
  topic: 'orders',
  partition: 2,
  offset: 41n,
  timestampMs: 1700000000123n,
  key: Buffer.from('user-7'),
  value: Buffer.from('{"total":3}'),
  headers: [{ key: 'trace', value: Buffer.from('abc') }, { key: 'empty', value: null }],
};

describe('recordToJson', () => {
  it('prints the documented fields with offsets and timestamps as numbers', () => {
    expect(JSON.parse(recordToJson(record, 'utf8'))).toEqual({
      topic: 'orders', partition: 2, offset: 41, timestamp: 1700000000123, key: 'user-7', value: '{"total":3}',
      headers: [{ key: 'trace', value: 'abc' }, { key: 'empty', value: null }],
    });
  });
  it('keeps null keys null and encodes binary values on request', () => {
    const binary = { ...record, key: null, value: Uint8Array.from([0xff, 0x00]) };
    const parsed = JSON.parse(recordToJson(binary, 'base64'));
    expect(parsed.key).toBeNull();
    expect(parsed.value).toBe('/wA=');
    expect(encodeBytes(Uint8Array.from([0xab]), 'hex')).toBe('ab');
  });
});

describe('compileRecordTemplate', () => {
  it('fills every placeholder and adds a newline', () => {
    const render = compileRecordTemplate('%T/%p@%o %t %k=%v [%h] %K %V 100%%', 'utf8');
    expect(render(record)).toBe('orders/2@41 1700000000123 user-7={"total":3} [trace=abc,empty=] 6 11 100%\n');
  });
  it('handles escapes and does not double a trailing newline', () => {
    expect(compileRecordTemplate('%k\\t%v\\n', 'utf8')(record)).toBe('user-7\t{"total":3}\n');
  });
  it('prints -1 lengths and empty text for null key and value', () => {
    expect(compileRecordTemplate('[%k][%v] %K %V', 'utf8')({ ...record, key: null, value: null })).toBe('[][] -1 -1\n');
  });
  it('refuses unknown placeholders and a dangling %', () => {
    expect(() => compileRecordTemplate('%x', 'utf8')).toThrow(CliError);
    expect(() => compileRecordTemplate('value %', 'utf8')).toThrow(/lone '%'/);
  });
});

describe('listings', () => {
  it('renders a borderless table with aligned columns and no trailing spaces', () => {
    const text = renderTable(['NAME', 'PARTITIONS'], [['a', 1], ['longer-name', 12]]);
    const rows = text.split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^NAME\s+PARTITIONS$/);
    expect(rows[2]).toMatch(/^longer-name\s+12$/);
    expect(rows[1]?.indexOf('1')).toBe(rows[0]?.indexOf('PARTITIONS'));
    for (const row of rows) expect(row).toBe(row.trimEnd());
  });
  it('renders bigints in JSON', () => {
    expect(renderJson({ offset: 5n, huge: 2n ** 60n })).toBe('{"offset":5,"huge":"1152921504606846976"}');
    expect(renderJson({ id: -1n, min: -(2n ** 63n) })).toBe('{"id":-1,"min":"-9223372036854775808"}');
  });
});
