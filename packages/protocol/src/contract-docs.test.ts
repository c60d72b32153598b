// Checks that every message, field, enum value and RPC of the contract is commented, as the
// contract's readers (the broker and client engineers, and tools) rely on those comments for
// units, sentinels and defaults. It reads the generated types, which carry the .proto comments
// as doc comments (scripts/generate-types.mjs passes --includeComments), so it sees exactly what
// protobuf's parser attached to each element.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedDir } from '../scripts/generate-types.mjs';

const messagesDir = join(generatedDir, 'brook', 'v1');

/** Lines declaring something that must carry a doc comment, and whether the line above closes one. */
function undocumented(text: string): string[] {
  const lines = text.split('\n');
  const missing: string[] = [];
  lines.forEach((line, index) => {
    const declares =
      /^export (interface|const|type) /.test(line) ||
      // A message field; the synthetic oneof fields of `optional` (e.g. '_acks') have no source.
      /^ {2}'[a-zA-Z][a-zA-Z0-9]*'\??: /.test(line) ||
      // An enum value, or an RPC in the client interface (the upper-case overload comes first).
      /^ {2}[A-Z_]+: '[A-Z_]+',$/.test(line) ||
      /^ {2}[A-Z][A-Za-z]+\(argument: .*metadata: grpc\.Metadata, options: grpc\.CallOptions, callback/.test(line);
    if (declares && lines[index - 1]?.trim() !== '*/') missing.push(line.trim());
  });
  return missing;
}

describe('the contract documentation', () => {
  const files = readdirSync(messagesDir).filter((file) => file.endsWith('.ts'));

  it('finds the generated files', () => {
    expect(files).toContain('ProduceRequest.ts');
    expect(files).toContain('BrookClient.ts');
  });

  // Service files are checked RPC by RPC below (their generated Definition interfaces carry no comment).
  const serviceFiles = ['BrookClient.ts', 'BrookRaft.ts', 'BrookController.ts', 'BrookReplication.ts'];

  it.each(files.filter((file) => !serviceFiles.includes(file)))('%s: every message, field and enum value is commented', (file) => {
    expect(undocumented(readFileSync(join(messagesDir, file), 'utf8'))).toEqual([]);
  });

  it('BrookClient: every RPC is commented', () => {
    const text = readFileSync(join(messagesDir, 'BrookClient.ts'), 'utf8');
    const rpcs = [...text.matchAll(/^ {2}([A-Z][A-Za-z]+)\(argument: .*metadata: grpc\.Metadata, options: grpc\.CallOptions, callback/gm)];
    expect(rpcs.map((match) => match[1]).sort()).toEqual(
      ['CreateTopics', 'DeleteTopics', 'DescribeCluster', 'DescribeConfigs', 'DescribeQuorum', 'Fetch', 'IncrementalAlterConfigs', 'InitProducerId', 'ListOffsets', 'Metadata', 'Produce'],
    );
    expect(undocumented(text).filter((line) => /^[A-Z][A-Za-z]+\(/.test(line))).toEqual([]);
    expect(commentedStreams(text)).toEqual([
      { name: 'FetchStream', commented: true },
      { name: 'ProduceStream', commented: true },
    ]);
  });

  it('BrookReplication: its one bidirectional RPC is commented', () => {
    expect(commentedStreams(readFileSync(join(messagesDir, 'BrookReplication.ts'), 'utf8'))).toEqual([{ name: 'ReplicaFetch', commented: true }]);
  });

  it('BrookController: every RPC is commented', () => {
    const text = readFileSync(join(messagesDir, 'BrookController.ts'), 'utf8');
    const rpcs = [...text.matchAll(/^ {2}([A-Z][A-Za-z]+)\(argument: .*metadata: grpc\.Metadata, options: grpc\.CallOptions, callback/gm)];
    expect(rpcs.map((match) => match[1]).sort()).toEqual(
      ['AllocateProducerIds', 'AlterPartition', 'BrokerHeartbeat', 'CreateTopics', 'DeleteTopics', 'DescribeQuorum', 'FetchMetadata', 'IncrementalAlterConfigs', 'RegisterBroker'],
    );
    expect(undocumented(text).filter((line) => /^[A-Z][A-Za-z]+\(/.test(line))).toEqual([]);
  });

  it('BrookRaft: its one client-streaming RPC is commented', () => {
    const lines = readFileSync(join(messagesDir, 'BrookRaft.ts'), 'utf8').split('\n');
    const rpcs = lines.flatMap((line, index) => {
      const match = /^ {2}([A-Z][A-Za-z]+)\(metadata: grpc\.Metadata, options: grpc\.CallOptions, callback/.exec(line);
      return match === null ? [] : [{ name: match[1], commented: lines[index - 1]?.trim() === '*/' }];
    });
    expect(rpcs).toEqual([{ name: 'Stream', commented: true }]);
  });

  it('would notice a message, field and enum value without a comment', () => {
    // The detector itself must be able to fail.
    const bare = ["export interface Bare {", "  'count'?: (number);", "  '_count'?: \"count\";", '}', "  NAME: 'NAME',"].join('\n');
    expect(undocumented(bare)).toEqual(['export interface Bare {', "'count'?: (number);", "NAME: 'NAME',"]);
    const documented = ['/**', ' * A thing.', ' */', 'export interface Thing {', '  /**', '   * How many.', '   */', "  'count'?: (number);", '}'].join('\n');
    expect(undocumented(documented)).toEqual([]);
  });
});

/** The client's bidirectional-stream methods (their first overload), each with whether a comment precedes it. */
function commentedStreams(text: string): Array<{ name: string | undefined; commented: boolean }> {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => {
    const match = /^ {2}([A-Z][A-Za-z]+)\(metadata: grpc\.Metadata, options\?: grpc\.CallOptions\): grpc\.ClientDuplexStream/.exec(line);
    return match === null ? [] : [{ name: match[1], commented: lines[index - 1]?.trim() === '*/' }];
  });
}
