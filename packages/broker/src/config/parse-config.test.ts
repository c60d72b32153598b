// Checks parseServerConfig: defaults, the precedence flags > env > file > defaults, the derived
// flag and variable names, and that unknown keys, bad types and out-of-range values are clear
// errors naming the key and where it came from.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseServerConfig } from './parse-config.js';
import { envName, flagName } from './config-schema.js';

// Every directory a test made, removed when the file's tests are done.
const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

function configFile(contents: unknown, name = 'brook.json'): string {
  const directory = mkdtempSync(join(tmpdir(), 'brook-config-'));
  directories.push(directory);
  const path = join(directory, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

describe('parseServerConfig', () => {
  it('gives the defaults with no input', () => {
    const { config, sources, configFile: file } = parseServerConfig([], {});
    expect(config.listen).toBe('127.0.0.1:9092');
    expect(config.adminListen).toBe('127.0.0.1:9644');
    expect(config.maxMessageBytes).toBe(1048588);
    expect(config.flushPolicy).toBe('every-append');
    expect(config.advertisedAddress).toBeNull();
    expect(sources.nodeId).toBe('default');
    expect(file).toBeNull();
  });

  it('derives flag and environment names from the key', () => {
    expect(flagName('segmentBytes')).toBe('--segment-bytes');
    expect(envName('segmentBytes')).toBe('BROOK_SEGMENT_BYTES');
    expect(flagName('adminListen')).toBe('--admin-listen');
  });

  it('applies flags over env over file over defaults', () => {
    const file = configFile({ nodeId: 3, segmentBytes: 4096, retentionMs: 1000, dataDir: '/from-file' });
    const { config, sources } = parseServerConfig(['--config', file, '--node-id', '7', '--data-dir=/from-flag'], {
      BROOK_NODE_ID: '5',
      BROOK_SEGMENT_BYTES: '8192',
    });
    expect(config.nodeId).toBe(7);
    expect(sources.nodeId).toBe('flag');
    expect(config.segmentBytes).toBe(8192);
    expect(sources.segmentBytes).toBe('env');
    expect(config.retentionMs).toBe(1000);
    expect(sources.retentionMs).toBe('file');
    expect(config.dataDir).toBe('/from-flag');
    expect(config.segmentMs).toBe(7 * 24 * 60 * 60 * 1000);
  });

  it('finds the config file through BROOK_CONFIG', () => {
    const file = configFile({ logLevel: 'debug' });
    const parsed = parseServerConfig([], { BROOK_CONFIG: file });
    expect(parsed.config.logLevel).toBe('debug');
    expect(parsed.configFile).toBe(file);
  });

});

describe('parseServerConfig errors', () => {
  it('refuses an unknown flag, naming it', () => {
    expect(() => parseServerConfig(['--segment-byte', '10'], {})).toThrow(/unknown flag --segment-byte/);
  });

  it('refuses an unknown key in the file, naming it', () => {
    const file = configFile({ nodeId: 1, segmentByte: 10 });
    expect(() => parseServerConfig(['--config', file], {})).toThrow(/unknown key "segmentByte"/);
  });

  it('ignores BROOK_ variables that are not broker keys (the cli reads BROOK_BROKERS)', () => {
    expect(parseServerConfig([], { BROOK_BROKERS: 'a:1' }).config.nodeId).toBe(1);
  });

  it('refuses values of the wrong type or out of range, naming the key and source', () => {
    expect(() => parseServerConfig(['--node-id', 'one'], {})).toThrow(/flag --node-id: "one" is not an integer/);
    expect(() => parseServerConfig([], { BROOK_RETENTION_MS: '-5' })).toThrow(/BROOK_RETENTION_MS: -5 is outside \[-1,/);
    expect(() => parseServerConfig(['--config', configFile({ segmentBytes: '4096x' })], {})).toThrow(/segmentBytes in .*is not an integer/);
    expect(() => parseServerConfig(['--config', configFile({ segmentBytes: 1.5 })], {})).toThrow(ConfigError);
    expect(() => parseServerConfig(['--flush-policy', 'sometimes'], {})).toThrow(/not one of every-append, interval/);
    expect(() => parseServerConfig(['--listen', 'localhost'], {})).toThrow(/not host:port/);
    expect(() => parseServerConfig(['--listen', 'localhost:70000'], {})).toThrow(/outside \[0, 65535\]/);
    expect(() => parseServerConfig(['--advertised-address', 'h:0'], {})).toThrow(/outside \[1, 65535\]/);
  });

  it('accepts IPv6 addresses in brackets and numbers as JSON numbers', () => {
    const { config } = parseServerConfig(['--listen', '[::1]:0', '--config', configFile({ maxRequestBytes: 209715200 })], {});
    expect(config.listen).toBe('[::1]:0');
    expect(config.maxRequestBytes).toBe(209715200);
  });

  it('reads a YAML file by its extension, with the same checks', () => {
    const file = configFile('# a node\nnodeId: 4\nlisten: "0.0.0.0:9092"\nretentionMs: 1000\n', 'brook.yaml');
    const { config, sources } = parseServerConfig(['--config', file], {});
    expect([config.nodeId, config.listen, config.retentionMs, sources.retentionMs]).toEqual([4, '0.0.0.0:9092', 1000, 'file']);
    expect(() => parseServerConfig(['--config', configFile('nodeId: [1\n', 'bad.yml')], {})).toThrow(/not valid YAML/);
    expect(() => parseServerConfig(['--config', configFile('segmentByte: 10\n', 'typo.yml')], {})).toThrow(/unknown key "segmentByte"/);
  });

  it('refuses a malformed file, a missing flag value and a stray argument', () => {
    expect(() => parseServerConfig(['--config', configFile('{ nodeId: 1 ')], {})).toThrow(/not valid JSON/);
    expect(() => parseServerConfig(['--config', configFile([1, 2])], {})).toThrow(/must hold a JSON object/);
    expect(() => parseServerConfig(['--node-id'], {})).toThrow(/--node-id needs a value/);
    expect(() => parseServerConfig(['serve'], {})).toThrow(/unexpected argument "serve"/);
    expect(() => parseServerConfig(['--config', '/nonexistent/brook.json'], {})).toThrow(/cannot read config file/);
  });

  it('checks that a fetch response with one extra batch fits in a gRPC message', () => {
    expect(() => parseServerConfig(['--max-request-bytes', '1048576'], {})).toThrow(/fetchMaxBytes .* must not exceed maxRequestBytes/);
  });
});
