// A broker stopped with SIGTERM and started again on the same data directory keeps its topics
// (names, ids, partition counts), its records at their offsets, and goes on appending after the
// last offset rather than reusing one. Driven through the built `brook` CLI.
import { expect, it } from 'vitest';
import { jsonLines, runBrook } from './cli-process.js';
import { startBroker, type BrokerProcess } from '../harness/index.js';

interface Described {
  topicId: string;
  partitions: Array<{ partition: number; earliestOffset: number; latestOffset: number }>;
}

async function describe(broker: BrokerProcess, topic: string): Promise<Described> {
  const result = await runBrook(['topic', 'describe', topic, '--format', 'json'], { brokers: broker.clientAddress });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Described;
}

it('keeps topics, records and offsets across a restart', async () => {
  const broker = await startBroker();
  let brokers = broker.clientAddress;
  expect((await runBrook(['topic', 'create', 'kept', '-p', '2', '--config', 'retention.ms=-1'], { brokers })).code).toBe(0);
  expect((await runBrook(['topic', 'create', 'also-kept', '-p', '1'], { brokers })).code).toBe(0);
  const input = Array.from({ length: 200 }, (_, i) => `k${i % 5}:v${i}`).join('\n') + '\n';
  const produced = await runBrook(['produce', 'kept', '--key-separator', ':', '--print-offsets'], { brokers, input });
  expect(produced.code, produced.stderr).toBe(0);
  const before = await describe(broker, 'kept');
  const consumedBefore = await runBrook(['consume', 'kept', '-e', '--format', '%p %o %k %v'], { brokers });

  expect(await broker.stop()).toEqual({ code: 0, signal: null });
  await broker.restart();
  brokers = broker.clientAddress;

  const list = await runBrook(['topic', 'list', '--format', 'json'], { brokers });
  expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining(['kept', 'also-kept']));
  const after = await describe(broker, 'kept');
  // The restarted broker registers anew (a new incarnation), so every partition it leads gets a
  // new leader epoch (Kafka's rule: each leader change bumps it); everything else is unchanged.
  const withoutEpochs = (described: Described): unknown => JSON.parse(JSON.stringify(described, (key, value: unknown) => (key === 'leaderEpoch' ? undefined : value)));
  expect(withoutEpochs(after)).toEqual(withoutEpochs(before));
  const epochs = (described: Described): number[] => JSON.stringify(described).match(/"leaderEpoch":\d+/g)?.map((m) => Number(m.split(':')[1])) ?? [];
  expect(epochs(after).length).toBe(epochs(before).length);
  epochs(after).forEach((epoch, i) => expect(epoch).toBeGreaterThan(epochs(before)[i] ?? Infinity));
  const consumedAfter = await runBrook(['consume', 'kept', '-e', '--format', '%p %o %k %v'], { brokers });
  expect(consumedAfter.code, consumedAfter.stderr).toBe(0);
  expect(consumedAfter.stdout.split('\n').sort()).toEqual(consumedBefore.stdout.split('\n').sort());
  expect(consumedAfter.stdout.trim().split('\n')).toHaveLength(200);

  // New records continue after the old ones in every partition.
  const more = await runBrook(['produce', 'kept', '--partition', '0', '--print-offsets'], { brokers, input: 'new-0\nnew-1\n' });
  expect(more.code, more.stderr).toBe(0);
  const oldEnd = before.partitions.find((p) => p.partition === 0)?.latestOffset ?? -1;
  expect(jsonLines(more.stdout)).toEqual([{ partition: 0, offset: oldEnd }, { partition: 0, offset: oldEnd + 1 }]);
  expect(await broker.stop()).toEqual({ code: 0, signal: null });
});
