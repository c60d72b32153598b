// The forwarding admin against a fake controller that commits into a fake metadata source: the
// single-node store's local checks and messages, controller errors passed through per topic,
// effective configs from this broker's defaults, and answers that wait until this broker's
// metadata (and its listeners) have the change.
import { afterEach, describe, expect, it } from 'vitest';
import { BrookError, errorCodeNumber, notControllerError, type CreatableTopic__Output } from '@brook/protocol';
import { silentLogger } from '../logging/logger.js';
import type { TopicCreation } from '../metadata/metadata-view.js';
import { ControllerChannel } from './controller-channel.js';
import { FakeMetadataSource, startFakeController, testTopicId, topicRecords, type FakeControllerHandlers } from './cluster-test-fakes.js';
import { ForwardingAdmin, type ForwardingAdminOptions } from './forwarding-admin.js';
import { ImageMetadataView } from './image-metadata-view.js';

const DEFAULTS = { retentionMs: 604_800_000, retentionBytes: -1, segmentBytes: 1_073_741_824, segmentMs: 604_800_000, maxMessageBytes: 1_048_588, flushPolicy: 'every-append' as const, flushMs: 1000, flushMessages: -1, minInsyncReplicas: 1 };
const SOURCES = { retentionMs: 'cluster-default', retentionBytes: 'built-in-default', segmentBytes: 'built-in-default', segmentMs: 'built-in-default', maxMessageBytes: 'built-in-default', flushPolicy: 'built-in-default', flushMs: 'built-in-default', flushMessages: 'built-in-default', minInsyncReplicas: 'built-in-default' } as const;

describe('ForwardingAdmin', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /**
   * A controller that creates topics (one partition per count, on broker 1) and deletes them,
   * committing into `source` `commitDelayMs` after answering: the answer outruns the metadata,
   * as it does between a controller and a broker.
   */
  function committingController(source: FakeMetadataSource, commitDelayMs: number): FakeControllerHandlers {
    let nextId = 100;
    const commitLater = (records: Parameters<FakeMetadataSource['apply']>[0]): number => {
      const offset = source.image().offset + 1;
      const timer = setTimeout(() => source.apply(records, offset), commitDelayMs);
      cleanups.push(() => clearTimeout(timer));
      return offset;
    };
    return {
      CreateTopics: ({ request }) => {
        const topics = request?.topics ?? [];
        const created = topics.map((topic: CreatableTopic__Output) => ({ topic, topicId: testTopicId(nextId++) }));
        const offset = request?.validateOnly ? -1 : commitLater(created.flatMap(({ topic, topicId }) => topicRecords(topic.name, topicId, Array.from({ length: topic.numPartitions }, () => [1]), topic.configs)));
        return {
          metadataOffset: offset,
          response: { topics: created.map(({ topic, topicId }) => ({ name: topic.name, errorCode: 0, topicId, numPartitions: topic.numPartitions, replicationFactor: 1, configs: [] })) },
        };
      },
      DeleteTopics: ({ request }) => {
        const names = request?.names ?? [];
        const image = source.image();
        const known = names.map((name) => ({ name, topicId: image.topicIdsByName.get(name) }));
        const removed = known.flatMap(({ topicId }) => (topicId === undefined ? [] : [{ type: 'RemoveTopic' as const, version: 0 as const, topicId }]));
        return {
          metadataOffset: removed.length === 0 ? -1 : commitLater(removed),
          response: {
            topics: known.map(({ name, topicId }) =>
              topicId === undefined ? { name, errorCode: errorCodeNumber('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: `topic ${name} does not exist` } : { name, errorCode: 0, topicId },
            ),
          },
        };
      },
      IncrementalAlterConfigs: ({ request }) => {
        const image = source.image();
        const topics = request?.topics ?? [];
        const records = topics.flatMap((topic) =>
          !image.topicIdsByName.has(topic.name) || request?.validateOnly === true
            ? []
            : topic.configs.map((config) => ({ type: 'Config' as const, version: 0 as const, resource: { kind: 'topic' as const, name: topic.name }, key: config.name, value: config.operation === 'CONFIG_OPERATION_SET' ? config.value : null })),
        );
        return {
          metadataOffset: records.length === 0 ? -1 : commitLater(records),
          response: { topics: topics.map((topic) => (image.topicIdsByName.has(topic.name) ? { name: topic.name, errorCode: 0 } : { name: topic.name, errorCode: errorCodeNumber('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: 'gone' })) },
        };
      },
      DescribeQuorum: () => ({ leaderId: 1, leaderEpoch: 3, highWatermark: source.image().offset, voters: [{ nodeId: 1, logEndOffset: 5, lag: 0, lastContactMsAgo: 0 }], observers: [] }),
    };
  }

  async function setUp(options: { commitDelayMs?: number; handlers?: FakeControllerHandlers; admin?: Partial<ForwardingAdminOptions> } = {}) {
    const source = new FakeMetadataSource();
    source.addLiveBrokers(1);
    source.apply(topicRecords('metrics.cpu', testTopicId(1), [[1]]));
    const controller = await startFakeController(options.handlers ?? committingController(source, options.commitDelayMs ?? 50));
    cleanups.push(() => controller.stop());
    const channel = new ControllerChannel({ voters: new Map([[1, controller.address]]), logger: silentLogger(), requestTimeoutMs: 2_000, retryBackoffMs: 10 });
    cleanups.push(() => channel.close());
    const admin = new ForwardingAdmin({
      channel,
      source,
      defaultPartitions: 3,
      partitionsMax: 100,
      logDefaults: DEFAULTS,
      logDefaultSources: SOURCES,
      maxMessageBytesMax: 2_000_000,
      requestTimeoutMs: 2_000,
      logger: silentLogger(),
      ...options.admin,
    });
    return { source, controller, admin };
  }

  const creation = (name: string, extra: Partial<TopicCreation> = {}): TopicCreation => ({ name, numPartitions: -1, replicationFactor: -1, configs: {}, ...extra });

  it('answers a creation once this broker has applied it, with effective configs from its defaults', async () => {
    const { source, admin } = await setUp({ commitDelayMs: 100 });
    const [result] = await admin.createTopics([creation('orders', { configs: { 'retention.ms': '60000' } })], { validateOnly: false });
    // Read-your-writes: the image here already has the topic.
    expect(source.image().topicIdsByName.get('orders')).toBe(testTopicId(100));
    expect(result).toMatchObject({ name: 'orders', error: null, topicId: testTopicId(100), numPartitions: 3, replicationFactor: 1 });
    expect(result?.error === null && result.configs).toEqual([
      { name: 'flush.messages', value: '-1', source: 'built-in-default' },
      { name: 'flush.ms', value: '1000', source: 'built-in-default' },
      { name: 'flush.policy', value: 'every-append', source: 'built-in-default' },
      { name: 'max.message.bytes', value: '1048588', source: 'built-in-default' },
      { name: 'min.insync.replicas', value: '1', source: 'built-in-default' },
      { name: 'retention.bytes', value: '-1', source: 'built-in-default' },
      { name: 'retention.ms', value: '60000', source: 'topic' },
      { name: 'segment.bytes', value: '1073741824', source: 'built-in-default' },
      { name: 'segment.ms', value: '604800000', source: 'built-in-default' },
    ]);
  });

  it('gives the single-node store\'s typed errors without asking the controller, and forwards the rest', async () => {
    const { admin, controller } = await setUp();
    const results = await admin.createTopics(
      [
        creation('bad name!'),
        creation('twice'),
        creation('twice'),
        creation('metrics.cpu'),
        creation('metrics_cpu'),
        creation('wide', { numPartitions: 101 }),
        creation('none', { numPartitions: -5 }),
        creation('odd-rf', { replicationFactor: -2 }),
        creation('unknown-config', { configs: { 'cleanup.policy.x': '1' } }),
        creation('too-big', { configs: { 'max.message.bytes': '2000001' } }),
        creation('fine', { numPartitions: 2 }),
      ],
      { validateOnly: false },
    );
    expect(results.map((result) => `${result.name}: ${result.error?.code ?? 'ok'}`)).toEqual([
      'bad name!: INVALID_TOPIC_EXCEPTION',
      'twice: INVALID_REQUEST',
      'twice: INVALID_REQUEST',
      'metrics.cpu: TOPIC_ALREADY_EXISTS',
      'metrics_cpu: INVALID_TOPIC_EXCEPTION',
      'wide: INVALID_PARTITIONS',
      'none: INVALID_PARTITIONS',
      'odd-rf: INVALID_REPLICATION_FACTOR',
      'unknown-config: INVALID_CONFIG',
      'too-big: INVALID_CONFIG',
      'fine: ok',
    ]);
    expect(results[4]?.error?.message).toBe('topic "metrics_cpu" collides with existing topic "metrics.cpu" (\'.\' and \'_\' are interchangeable in metric names)');
    expect(results[10]).toMatchObject({ numPartitions: 2 });
    expect(controller.calls).toEqual(['CreateTopics']);
    expect(await admin.createTopics([creation('')], { validateOnly: false })).toMatchObject([{ error: { code: 'INVALID_TOPIC_EXCEPTION' } }]);
    expect(controller.calls).toHaveLength(1);
  });

  it('passes the controller\'s per-topic errors through, and validate_only creates nothing', async () => {
    const { admin, source } = await setUp({
      handlers: {
        CreateTopics: ({ request }) => ({
          metadataOffset: -1,
          response: {
            topics: (request?.topics ?? []).map((topic) =>
              topic.replicationFactor > 1
                ? { name: topic.name, errorCode: errorCodeNumber('INVALID_REPLICATION_FACTOR'), errorMessage: 'only 1 usable broker' }
                : { name: topic.name, errorCode: 0, topicId: request?.validateOnly ? '' : 'x', numPartitions: topic.numPartitions, replicationFactor: 1 },
            ),
          },
        }),
      },
    });
    const results = await admin.createTopics([creation('a', { replicationFactor: 3 }), creation('b')], { validateOnly: true });
    expect(results[0]?.error).toMatchObject({ code: 'INVALID_REPLICATION_FACTOR', message: 'only 1 usable broker' });
    expect(results[1]).toMatchObject({ name: 'b', error: null, topicId: '', numPartitions: 3 });
    expect(source.image().topicIdsByName.has('b')).toBe(false);
  });

  it('answers REQUEST_TIMED_OUT for a change this broker has not applied in time', async () => {
    const { admin } = await setUp({ commitDelayMs: 5_000, admin: { requestTimeoutMs: 200 } });
    const started = Date.now();
    const [result] = await admin.createTopics([creation('slow')], { validateOnly: false });
    expect(result?.error).toMatchObject({ code: 'REQUEST_TIMED_OUT' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('waits for the view\'s listeners when given the view, so the new topic\'s logs are open', async () => {
    const source = new FakeMetadataSource();
    const view = new ImageMetadataView({ source, clusterId: 'c', nodeId: 1, logger: silentLogger() });
    cleanups.push(() => view.close());
    const opened: string[] = [];
    view.onChange(async (change) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      opened.push(change.topic.name);
    });
    source.addLiveBrokers(1);
    const { admin } = await setUp({ handlers: committingController(source, 10), admin: { source, applied: view } });
    await admin.createTopics([creation('logs-open')], { validateOnly: false });
    expect(opened).toContain('logs-open');
  });

  it('forwards deletions and waits for them; a bad name never leaves the broker', async () => {
    const { admin, source, controller } = await setUp();
    const results = await admin.deleteTopics(['metrics.cpu', 'missing', '..']);
    expect(results.map((result) => `${result.name}: ${result.error?.code ?? 'ok'}`)).toEqual(['metrics.cpu: ok', 'missing: UNKNOWN_TOPIC_OR_PARTITION', '..: INVALID_TOPIC_EXCEPTION']);
    expect(results[0]).toMatchObject({ topicId: testTopicId(1) });
    expect(source.image().topicIdsByName.has('metrics.cpu')).toBe(false);
    expect(controller.calls).toEqual(['DeleteTopics']);
  });

  it('checks config changes here, forwards the valid ones, answers once applied, and describes effective configs', async () => {
    const { admin, controller } = await setUp({ commitDelayMs: 100 });
    const set = (key: string, value: string) => ({ key, op: 'set' as const, value });
    const refused = await admin.alterConfigs(
      [
        { name: 'bad name!', changes: [set('retention.ms', '1')] },
        { name: 'missing', changes: [set('retention.ms', '1')] },
        { name: 'metrics.cpu', changes: [set('retention.ms', 'soon')] },
        { name: 'metrics.cpu', changes: [set('retention.ms', '1')] },
      ],
      { validateOnly: false },
    );
    expect(refused.map((result) => result.error?.code)).toEqual(['INVALID_TOPIC_EXCEPTION', 'UNKNOWN_TOPIC_OR_PARTITION', 'INVALID_REQUEST', 'INVALID_REQUEST']);
    const [unknownKey] = await admin.alterConfigs([{ name: 'metrics.cpu', changes: [set('cleanup.policy', 'compact')] }], { validateOnly: false });
    const [badValue] = await admin.alterConfigs([{ name: 'metrics.cpu', changes: [set('min.insync.replicas', '0')] }], { validateOnly: false });
    const [twice] = await admin.alterConfigs([{ name: 'metrics.cpu', changes: [set('retention.ms', '1'), { key: 'retention.ms', op: 'delete' }] }], { validateOnly: false });
    const [tooLarge] = await admin.alterConfigs([{ name: 'metrics.cpu', changes: [set('max.message.bytes', '3000000')] }], { validateOnly: false });
    expect([unknownKey, badValue, twice, tooLarge].map((result) => `${result?.error?.code}: ${result?.error?.message}`)).toEqual([
      expect.stringMatching(/^INVALID_CONFIG: .*unknown topic config "cleanup.policy"/),
      expect.stringMatching(/^INVALID_CONFIG: .*min.insync.replicas=0 is outside/),
      expect.stringMatching(/^INVALID_REQUEST: .*retention.ms is named more than once/),
      expect.stringMatching(/^INVALID_CONFIG: .*max.message.bytes=3000000 is outside \[61, 2000000\]/),
    ]);
    expect(controller.calls).toEqual([]);

    const [changed] = await admin.alterConfigs([{ name: 'metrics.cpu', changes: [set('retention.ms', '60000'), set('flush.policy', 'interval')] }], { validateOnly: false });
    expect(changed).toEqual({ name: 'metrics.cpu', error: null });
    // Read-your-writes: described at once from this broker's image.
    const configsOf = () => {
      const [described] = admin.describeConfigs(['metrics.cpu']);
      return described?.error === null ? Object.fromEntries(described.configs.map((c) => [c.name, `${c.value} (${c.source})`])) : described?.error.code;
    };
    expect(configsOf()).toMatchObject({ 'retention.ms': '60000 (topic)', 'flush.policy': 'interval (topic)', 'segment.ms': '604800000 (built-in-default)' });
    await admin.alterConfigs([{ name: 'metrics.cpu', changes: [{ key: 'flush.policy', op: 'delete' }] }], { validateOnly: false });
    expect(configsOf()).toMatchObject({ 'retention.ms': '60000 (topic)', 'flush.policy': 'every-append (built-in-default)' });
    const [validated] = await admin.alterConfigs([{ name: 'metrics.cpu', changes: [set('retention.ms', '1')] }], { validateOnly: true });
    expect(validated?.error).toBeNull();
    expect(configsOf()).toMatchObject({ 'retention.ms': '60000 (topic)' });
    expect(controller.calls).toEqual(['IncrementalAlterConfigs', 'IncrementalAlterConfigs', 'IncrementalAlterConfigs']);
    expect(admin.describeConfigs(['missing', '..']).map((result) => result.error?.code)).toEqual(['UNKNOWN_TOPIC_OR_PARTITION', 'INVALID_TOPIC_EXCEPTION']);
  });

  it('answers every forwarded topic with the failure when no controller answers, and forwards DescribeQuorum', async () => {
    const refusing = await setUp({
      handlers: {
        CreateTopics: () => {
          throw notControllerError(-1);
        },
        DescribeQuorum: () => {
          throw new BrookError('NOT_CONTROLLER', 'no leader');
        },
      },
      // Long enough for a first connection on a loaded machine (1 s was not, once in CI): the
      // refusals then decide the outcome.
      admin: { requestTimeoutMs: 3_000 },
    });
    const results = await refusing.admin.createTopics([creation('x'), creation('bad/')], { validateOnly: false });
    expect(results.map((result) => result.error?.code)).toEqual(['NOT_CONTROLLER', 'INVALID_TOPIC_EXCEPTION']);
    await expect(refusing.admin.describeQuorum()).rejects.toMatchObject({ code: 'NOT_CONTROLLER' });
    const { admin } = await setUp();
    expect(await admin.describeQuorum()).toMatchObject({ leaderId: 1, leaderEpoch: '3', voters: [{ nodeId: 1, logEndOffset: '5' }] });
  });
});
