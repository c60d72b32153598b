// Keyed records produced through the CLI land on the partitions Kafka's default partitioner
// picks: toPositive(murmur2(key)) % partitions. The hashes are the published ones (Kafka's
// UtilsTest.testMurmur2 and Java's Utils.murmur2 output), not computed by Brook's own code, so
// a wrong partitioner in the SDK fails here even if its own unit tests agreed with it.
import { beforeAll, expect, it } from 'vitest';
import { runBrook } from './cli-process.js';
import { startBroker, type BrokerProcess } from '../harness/index.js';

const JAVA_MURMUR2: Array<[string, number]> = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
  ['0', 971027396],
  ['1', -1993445489],
  ['12', 126087238],
  ['123', -267702483],
  ['1234', -1614185708],
  ['12345', -1188365604],
];
const PARTITIONS = 12;

let node: BrokerProcess;

beforeAll(async () => {
  node = await startBroker();
});

it("places keyed records where Kafka's partitioner would", async () => {
  const brokers = node.clientAddress;
  expect((await runBrook(['topic', 'create', 'keyed', '-p', String(PARTITIONS)], { brokers })).code).toBe(0);
  const input = JAVA_MURMUR2.map(([key]) => `${key}\tvalue-of-${key}`).join('\n') + '\n';
  const produced = await runBrook(['produce', 'keyed', '--key-separator', '\t'], { brokers, input });
  expect(produced.code, produced.stderr).toBe(0);
  const consumed = await runBrook(['consume', 'keyed', '--exit-at-end', '--format', '%k\\t%p'], { brokers });
  expect(consumed.code, consumed.stderr).toBe(0);
  const placed = new Map(consumed.stdout.trim().split('\n').map((line) => line.split('\t') as [string, string]));
  expect(placed.size).toBe(JAVA_MURMUR2.length);
  for (const [key, hash] of JAVA_MURMUR2) {
    expect(Number(placed.get(key)), key).toBe((hash & 0x7fffffff) % PARTITIONS);
  }
});
