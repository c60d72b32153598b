// MetadataAdmin in a cluster: the broker a client asked checks what it can check alone, forwards
// the rest to the active controller (KIP-590), and answers once its own metadata has reached
// the controller's change (read-your-writes: the client's next request to this broker sees it).
//
// The local checks are the single-node store's, with its messages, so clients get the same
// typed per-topic errors either way: the name rules, a name colliding with an existing one once
// '.' and '_' are read alike, the partition count against this broker's bounds, and the configs
// (including max.message.bytes against what fits in one gRPC message here). What needs the whole
// cluster (the replication factor against live brokers, existence at the controller) is the
// controller's to answer. Effective configs are this broker's: the topic's overrides over this
// broker's defaults, with their sources, as describeTopicConfigs makes them. Config changes
// (IncrementalAlterConfigs) are checked here the way creation checks configs, then forwarded.
import { BrookError, errorCodeByNumber, topicCollisionKey, validateTopicName } from '@brook/protocol';
import type { AlterConfigsResult__Output, CreatableTopicResult__Output, DeletableTopicResult__Output, DescribeQuorumResponse } from '@brook/protocol';
import { topicConfig } from '@brook/controller';
import type { Logger } from '../logging/logger.js';
import type {
  MetadataAdmin, TopicAlterationResult, TopicConfigAlteration, TopicConfigsResult, TopicCreation, TopicCreationResult, TopicDeletionResult,
} from '../metadata/metadata-view.js';
import { describeTopicConfigs, topicConfigChangesProblem, validateTopicConfigs, type LogSettings, type LogSettingsSources } from '../metadata/topic-configs.js';
import type { ControllerChannel } from './controller-channel.js';
import type { MetadataSource } from './metadata-source.js';

/** Something that can say when a metadata offset has been applied here. */
export interface AppliedOffsetWaiter {
  waitForOffset(offset: number, timeoutMs: number): Promise<void>;
}

export interface ForwardingAdminOptions {
  channel: Pick<ControllerChannel, 'createTopics' | 'deleteTopics' | 'incrementalAlterConfigs' | 'describeQuorum'>;
  /** This broker's metadata: the image for the local checks; its waitForOffset for read-your-writes unless `applied` is given. */
  source: MetadataSource;
  /**
   * What to wait on for read-your-writes instead of the source: the ImageMetadataView, whose
   * offset counts only once its listeners (the partition manager) have settled, so a new
   * topic's logs here are open when the client hears back.
   */
  applied?: AppliedOffsetWaiter;
  /** The partition count of a topic created with -1 or 0. */
  defaultPartitions: number;
  partitionsMax: number;
  logDefaults: LogSettings;
  logDefaultSources: LogSettingsSources;
  /** The largest max.message.bytes a topic may set (see validateTopicConfigs). */
  maxMessageBytesMax: number;
  /** Bounds each operation: the controller's answer and the wait for this broker's metadata. */
  requestTimeoutMs: number;
  logger: Logger;
}

/** A topic that passed the local checks, as forwarded. */
interface ForwardedTopic {
  index: number;
  name: string;
  numPartitions: number;
  replicationFactor: number;
  configs: Readonly<Record<string, string>>;
}

export class ForwardingAdmin implements MetadataAdmin {
  private readonly log: Logger;

  constructor(private readonly options: ForwardingAdminOptions) {
    this.log = options.logger.child({ component: 'forwarding-admin' });
  }

  async createTopics(topics: readonly TopicCreation[], options: { validateOnly: boolean }): Promise<TopicCreationResult[]> {
    const deadline = Date.now() + this.options.requestTimeoutMs;
    const results: TopicCreationResult[] = [];
    const forwarded: ForwardedTopic[] = [];
    const counts = new Map<string, number>();
    for (const topic of topics) counts.set(topic.name, (counts.get(topic.name) ?? 0) + 1);
    topics.forEach((request, index) => {
      const error = (counts.get(request.name) ?? 0) > 1 ? new BrookError('INVALID_REQUEST', `topic "${request.name}" appears more than once in the request`) : this.checkCreation(request);
      results.push(error === null ? { name: request.name, error: new BrookError('UNKNOWN_SERVER_ERROR', 'not answered') } : { name: request.name, error });
      if (error === null) forwarded.push({ index, name: request.name, numPartitions: this.partitionCountOf(request), replicationFactor: request.replicationFactor, configs: request.configs });
    });
    if (forwarded.length === 0) return results;
    try {
      const answer = await this.options.channel.createTopics(
        {
          request: {
            topics: forwarded.map(({ name, numPartitions, replicationFactor, configs }) => ({ name, numPartitions, replicationFactor, configs })),
            timeoutMs: this.options.requestTimeoutMs,
            validateOnly: options.validateOnly,
          },
        },
        { timeoutMs: this.options.requestTimeoutMs },
      );
      const answered = answer.response?.topics ?? [];
      forwarded.forEach((topic, position) => (results[topic.index] = this.creationResult(topic, answered[position], options.validateOnly)));
      await this.readYourWrites(Number(answer.metadataOffset), deadline, forwarded.map((topic) => topic.index), results, 'created');
    } catch (error) {
      const failure = asBrookError(error);
      this.log.warn({ err: failure, topics: forwarded.map((topic) => topic.name) }, 'forwarding CreateTopics failed');
      for (const topic of forwarded) results[topic.index] = { name: topic.name, error: failure };
    }
    return results;
  }

  async deleteTopics(names: readonly string[]): Promise<TopicDeletionResult[]> {
    const deadline = Date.now() + this.options.requestTimeoutMs;
    const results: TopicDeletionResult[] = names.map((name) => {
      const invalid = validateTopicName(name);
      return { name, error: new BrookError(invalid === null ? 'UNKNOWN_SERVER_ERROR' : 'INVALID_TOPIC_EXCEPTION', invalid ?? 'not answered') };
    });
    const forwarded = names.flatMap((name, index) => (validateTopicName(name) === null ? [{ name, index }] : []));
    if (forwarded.length === 0) return results;
    try {
      const answer = await this.options.channel.deleteTopics({ request: { names: forwarded.map((topic) => topic.name), timeoutMs: this.options.requestTimeoutMs } }, { timeoutMs: this.options.requestTimeoutMs });
      const answered = answer.response?.topics ?? [];
      forwarded.forEach((topic, position) => (results[topic.index] = deletionResult(topic.name, answered[position])));
      await this.readYourWrites(Number(answer.metadataOffset), deadline, forwarded.map((topic) => topic.index), results, 'deleted');
    } catch (error) {
      const failure = asBrookError(error);
      this.log.warn({ err: failure, topics: forwarded.map((topic) => topic.name) }, 'forwarding DeleteTopics failed');
      for (const topic of forwarded) results[topic.index] = { name: topic.name, error: failure };
    }
    return results;
  }

  async alterConfigs(topics: readonly TopicConfigAlteration[], options: { validateOnly: boolean }): Promise<TopicAlterationResult[]> {
    const deadline = Date.now() + this.options.requestTimeoutMs;
    const counts = new Map<string, number>();
    for (const topic of topics) counts.set(topic.name, (counts.get(topic.name) ?? 0) + 1);
    const results: TopicAlterationResult[] = [];
    const forwarded: Array<{ index: number; topic: TopicConfigAlteration }> = [];
    topics.forEach((topic, index) => {
      const error = (counts.get(topic.name) ?? 0) > 1 ? new BrookError('INVALID_REQUEST', `topic "${topic.name}" appears more than once in the request`) : this.checkAlteration(topic);
      results.push({ name: topic.name, error: error ?? new BrookError('UNKNOWN_SERVER_ERROR', 'not answered') });
      if (error === null) forwarded.push({ index, topic });
    });
    if (forwarded.length === 0) return results;
    try {
      const request = {
        topics: forwarded.map(({ topic }) => ({
          name: topic.name,
          configs: topic.changes.map((change) => ({ name: change.key, operation: change.op === 'set' ? ('CONFIG_OPERATION_SET' as const) : ('CONFIG_OPERATION_DELETE' as const), value: change.value ?? '' })),
        })),
        timeoutMs: this.options.requestTimeoutMs,
        validateOnly: options.validateOnly,
      };
      const answer = await this.options.channel.incrementalAlterConfigs({ request }, { timeoutMs: this.options.requestTimeoutMs });
      const answered = answer.response?.topics ?? [];
      forwarded.forEach(({ index, topic }, position) => (results[index] = alterationResult(topic.name, answered[position])));
      await this.readYourWrites(Number(answer.metadataOffset), deadline, forwarded.map(({ index }) => index), results, 'altered');
    } catch (error) {
      const failure = asBrookError(error);
      this.log.warn({ err: failure, topics: forwarded.map(({ topic }) => topic.name) }, 'forwarding IncrementalAlterConfigs failed');
      for (const { index, topic } of forwarded) results[index] = { name: topic.name, error: failure };
    }
    return results;
  }

  describeConfigs(names: readonly string[]): TopicConfigsResult[] {
    const image = this.options.source.image();
    return names.map((name): TopicConfigsResult => {
      const invalid = validateTopicName(name);
      if (invalid !== null) return { name, error: new BrookError('INVALID_TOPIC_EXCEPTION', invalid) };
      if (!image.topicIdsByName.has(name)) return { name, error: new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" does not exist`) };
      const overrides = Object.fromEntries(topicConfig(image, name));
      return { name, error: null, configs: describeTopicConfigs(overrides, this.options.logDefaults, this.options.logDefaultSources) };
    });
  }

  describeQuorum(): Promise<DescribeQuorumResponse> {
    return this.options.channel.describeQuorum({ timeoutMs: this.options.requestTimeoutMs });
  }

  /** The single-node store's checks, in its order, except those only the controller can make. */
  private checkCreation(request: TopicCreation): BrookError | null {
    const invalidName = validateTopicName(request.name);
    if (invalidName !== null) return new BrookError('INVALID_TOPIC_EXCEPTION', invalidName);
    const existing = this.options.source.image().topicIdsByName;
    if (existing.has(request.name)) return new BrookError('TOPIC_ALREADY_EXISTS', `topic "${request.name}" already exists`);
    const key = topicCollisionKey(request.name);
    const colliding = [...existing.keys()].find((name) => topicCollisionKey(name) === key);
    if (colliding !== undefined) return new BrookError('INVALID_TOPIC_EXCEPTION', `topic "${request.name}" collides with existing topic "${colliding}" ('.' and '_' are interchangeable in metric names)`);
    const partitions = this.partitionCountOf(request);
    if (!Number.isSafeInteger(partitions) || partitions < 1 || partitions > this.options.partitionsMax) {
      return new BrookError('INVALID_PARTITIONS', `partition count ${request.numPartitions} must be in [1, ${this.options.partitionsMax}] (or -1 for the default)`);
    }
    if (!Number.isSafeInteger(request.replicationFactor) || request.replicationFactor < -1) {
      return new BrookError('INVALID_REPLICATION_FACTOR', `replication factor ${request.replicationFactor} must be positive (or -1 for the default)`);
    }
    const invalidConfig = validateTopicConfigs(request.configs, this.options.maxMessageBytesMax);
    if (invalidConfig !== null) return new BrookError('INVALID_CONFIG', invalidConfig);
    return null;
  }

  /** What this broker can check of a config change alone: the name, the topic's existence, each key and value. */
  private checkAlteration(topic: TopicConfigAlteration): BrookError | null {
    const invalidName = validateTopicName(topic.name);
    if (invalidName !== null) return new BrookError('INVALID_TOPIC_EXCEPTION', invalidName);
    if (!this.options.source.image().topicIdsByName.has(topic.name)) return new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${topic.name}" does not exist`);
    const problem = topicConfigChangesProblem(topic.changes, this.options.maxMessageBytesMax);
    return problem === null ? null : new BrookError(problem.code, problem.message);
  }

  private partitionCountOf(request: TopicCreation): number {
    return request.numPartitions === 0 || request.numPartitions === -1 ? this.options.defaultPartitions : request.numPartitions;
  }

  private creationResult(topic: ForwardedTopic, answer: CreatableTopicResult__Output | undefined, validateOnly: boolean): TopicCreationResult {
    if (answer === undefined) return { name: topic.name, error: new BrookError('UNKNOWN_SERVER_ERROR', 'the controller did not answer for this topic') };
    if (answer.errorCode !== 0) return { name: topic.name, error: controllerError(answer.errorCode, answer.errorMessage) };
    // The controller sends only the topic's own overrides; the request's are the same ones unless
    // the controller normalised a value, so its answer wins.
    const overrides: Record<string, string> = { ...topic.configs };
    for (const config of answer.configs) overrides[config.name] = config.value;
    return {
      name: topic.name,
      error: null,
      topicId: validateOnly ? '' : answer.topicId,
      numPartitions: answer.numPartitions > 0 ? answer.numPartitions : topic.numPartitions,
      replicationFactor: answer.replicationFactor,
      configs: describeTopicConfigs(overrides, this.options.logDefaults, this.options.logDefaultSources),
    };
  }

  /**
   * Waits until this broker has applied `offset` (the batch holding the change), at most until
   * `deadline`. If it has not by then the change is committed but not visible here yet: the
   * successful topics answer REQUEST_TIMED_OUT ("may still be created"), as the contract says
   * of a change that did not complete in time, rather than a success the next request would
   * contradict.
   */
  private async readYourWrites(
    offset: number,
    deadline: number,
    indexes: readonly number[],
    results: Array<TopicCreationResult | TopicDeletionResult | TopicAlterationResult>,
    what: 'created' | 'deleted' | 'altered',
  ): Promise<void> {
    if (!Number.isSafeInteger(offset) || offset < 0) return;
    const waiter = this.options.applied ?? this.options.source;
    const timeoutMs = Math.max(0, deadline - Date.now());
    try {
      await waiter.waitForOffset(offset, timeoutMs);
    } catch (error) {
      this.log.warn({ err: error, metadataOffset: offset }, `the controller ${what} topics this broker has not applied yet`);
      const pending = new BrookError('REQUEST_TIMED_OUT', `${what} at metadata offset ${offset}, which this broker has not applied within ${this.options.requestTimeoutMs} ms; it will be ${what} here shortly`);
      for (const index of indexes) {
        const result = results[index];
        if (result !== undefined && result.error === null) results[index] = { name: result.name, error: pending };
      }
    }
  }
}

function deletionResult(name: string, answer: DeletableTopicResult__Output | undefined): TopicDeletionResult {
  if (answer === undefined) return { name, error: new BrookError('UNKNOWN_SERVER_ERROR', 'the controller did not answer for this topic') };
  if (answer.errorCode !== 0) return { name, error: controllerError(answer.errorCode, answer.errorMessage) };
  return { name, error: null, topicId: answer.topicId };
}

function alterationResult(name: string, answer: AlterConfigsResult__Output | undefined): TopicAlterationResult {
  if (answer === undefined) return { name, error: new BrookError('UNKNOWN_SERVER_ERROR', 'the controller did not answer for this topic') };
  return { name, error: answer.errorCode === 0 ? null : controllerError(answer.errorCode, answer.errorMessage) };
}

/** A per-topic error code from the controller; a number this broker does not know stays visible in the message. */
function controllerError(code: number, message: string): BrookError {
  const name = errorCodeByNumber(code);
  return name === undefined || name === 'NONE' ? new BrookError('UNKNOWN_SERVER_ERROR', `controller error code ${code}: ${message}`) : new BrookError(name, message);
}

function asBrookError(error: unknown): BrookError {
  return error instanceof BrookError ? error : new BrookError('UNKNOWN_SERVER_ERROR', error instanceof Error ? error.message : String(error), { cause: error });
}
