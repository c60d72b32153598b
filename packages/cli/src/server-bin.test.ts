// Checks how `brook server start` finds the broker's executable and builds its arguments: the
// BROOK_SERVER_BIN override, the SERVER_BIN_NOT_FOUND error, flags passed through in order, and
// the node flags chosen by the machine's CPU count.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { serverArguments } from './commands/server-start.js';
import { resolveServerBin, serverNodeFlags, SINGLE_THREADED_GC_MAX_CPUS } from './server-bin.js';

describe('resolveServerBin', () => {
  it('takes BROOK_SERVER_BIN when that file exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brook-cli-bin-'));
    try {
      const bin = join(dir, 'brook-server.js');
      writeFileSync(bin, '');
      expect(resolveServerBin({ BROOK_SERVER_BIN: bin })).toBe(bin);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('fails with SERVER_BIN_NOT_FOUND naming where it looked', () => {
    expect(() => resolveServerBin({ BROOK_SERVER_BIN: '/nonexistent/brook-server.js' })).toThrow(CliError);
    expect(() => resolveServerBin({ BROOK_SERVER_BIN: '/nonexistent/brook-server.js' })).toThrow(/\/nonexistent\/brook-server\.js.*pnpm build/);
  });
});

describe('serverArguments', () => {
  it('puts the known flags first and passes everything else on unchanged', () => {
    expect(serverArguments({ nodeId: '2', dataDir: '/d', listen: 'h:1', adminListen: 'h:2', config: 'c.json' }, ['--log-level', 'debug'])).toEqual([
      '--node-id', '2', '--data-dir', '/d', '--listen', 'h:1', '--admin-listen', 'h:2', '--config', 'c.json', '--log-level', 'debug',
    ]);
    expect(serverArguments({}, [])).toEqual([]);
  });
});

describe('serverNodeFlags', () => {
  it('keeps the collector on the broker thread only where the CPUs are few', () => {
    const heap = ['--max-semi-space-size=8', '--initial-old-space-size=128'];
    expect(serverNodeFlags(2)).toEqual([...heap, '--single-threaded-gc']);
    expect(serverNodeFlags(SINGLE_THREADED_GC_MAX_CPUS)).toEqual([...heap, '--single-threaded-gc']);
    expect(serverNodeFlags(SINGLE_THREADED_GC_MAX_CPUS + 1)).toEqual(heap);
  });
});
