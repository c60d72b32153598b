// Checks the shared flag parsers: broker lists (flag over env over default), integers within
// bounds, acks, output formats, key=value pairs, and the one-line failure format.
import { BrookError } from '@brook/protocol';
import { describe, expect, it } from 'vitest';
import { CliError, describeFailure, formatFailureLine } from './cli-error.js';
import { BROKERS_DEFAULT, parseAcks, parseInteger, parseKeyValue, parseOutputFormat, parseRate, resolveBrokers } from './options.js';

describe('resolveBrokers', () => {
  it('prefers the flag, then BROOK_BROKERS, then the default', () => {
    expect(resolveBrokers('a:1, b:2', { BROOK_BROKERS: 'c:3' })).toEqual(['a:1', 'b:2']);
    expect(resolveBrokers(undefined, { BROOK_BROKERS: 'c:3' })).toEqual(['c:3']);
    expect(resolveBrokers(undefined, {})).toEqual([BROKERS_DEFAULT]);
  });
  it('accepts bracketed IPv6 and refuses addresses without a valid port', () => {
    expect(resolveBrokers('[::1]:9092', {})).toEqual(['[::1]:9092']);
    for (const bad of ['localhost', 'host:0', 'host:70000', ':9092', ',']) expect(() => resolveBrokers(bad, {})).toThrow(CliError);
  });
});

describe('flag parsers', () => {
  it('parseInteger enforces integer syntax and bounds', () => {
    expect(parseInteger('-p', '3', 1)).toBe(3);
    expect(() => parseInteger('-p', '0', 1)).toThrow(/-p must be between 1/);
    expect(() => parseInteger('-p', '2.5')).toThrow(/must be an integer/);
    expect(() => parseInteger('-p', '9'.repeat(20))).toThrow(CliError);
  });
  it('parseRate takes fractions but not negatives', () => {
    expect(parseRate('--throughput', '2.5')).toBe(2.5);
    expect(() => parseRate('--throughput', '-3')).toThrow(CliError);
    expect(() => parseRate('--throughput', '')).toThrow(CliError);
  });
  it('parseAcks maps all to -1', () => {
    expect(parseAcks('all')).toBe(-1);
    expect(parseAcks('-1')).toBe(-1);
    expect(parseAcks('1')).toBe(1);
    expect(parseAcks('0')).toBe(0);
    expect(() => parseAcks('2')).toThrow(CliError);
  });
  it('parseOutputFormat and parseKeyValue', () => {
    expect(parseOutputFormat('json')).toBe('json');
    expect(() => parseOutputFormat('yaml')).toThrow(CliError);
    expect(parseKeyValue('--config', 'a=b=c')).toEqual(['a', 'b=c']);
    expect(() => parseKeyValue('--config', '=x')).toThrow(CliError);
  });
});

describe('failure lines', () => {
  it('formats CLI, Brook and unexpected errors on one line', () => {
    expect(formatFailureLine(new CliError('INVALID_ARGUMENT', 'bad\nflag'))).toBe('brook: INVALID_ARGUMENT: bad flag');
    expect(formatFailureLine(new BrookError('UNKNOWN_TOPIC_OR_PARTITION', 'no such topic'))).toBe('brook: UNKNOWN_TOPIC_OR_PARTITION: no such topic');
    expect(formatFailureLine(new TypeError('boom'))).toBe('brook: INTERNAL: boom');
    expect(formatFailureLine(new BrookError('NETWORK_EXCEPTION', 'No connection established. Resolution note: '))).toBe('brook: NETWORK_EXCEPTION: No connection established.');
    expect(describeFailure(new CliError('INVALID_ARGUMENT', 'x')).exitCode).toBe(2);
    expect(describeFailure(new BrookError('MESSAGE_TOO_LARGE')).exitCode).toBe(1);
  });
});
