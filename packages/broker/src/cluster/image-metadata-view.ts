// MetadataView over the metadata log: the request handlers' questions answered from the latest
// MetadataImage of a MetadataSource, and each new image turned into the MetadataChange events the
// partition manager acts on (Kafka's BrokerMetadataPublisher diffing images into deltas).
//
// Reads always see the source's latest image. Changes are announced image by image, in offset
// order, each once every listener has settled for the image before it: a listener may be slow
// (opening hundreds of logs) and must never see a deletion before the creation it undoes.
// appliedOffset() is how far announcing has got; waitForOffset() waits for it, which is what
// read-your-writes after a forwarded CreateTopics needs (the new topic's logs are open).
import { BrookError } from '@brook/protocol';
import type { MetadataImage, TopicImage } from '@brook/controller';
import type { Logger } from '../logging/logger.js';
import type { BrokerState, MetadataChange, MetadataListener, MetadataView, PartitionState, TopicState } from '../metadata/metadata-view.js';
import type { MetadataSource } from './metadata-source.js';
import { boundedTimeout } from './bounded-timeout.js';

/** The listener name whose address clients are given (BrokerListener.name in controller.proto). */
export const CLIENT_LISTENER_NAME = 'client';

export interface ImageMetadataViewOptions {
  source: MetadataSource;
  clusterId: string;
  nodeId: number;
  logger: Logger;
}

/** One image's conversions, made on first use: most images are read many times, or never. */
interface ImageConversions {
  brokers?: readonly BrokerState[];
  topics?: readonly TopicState[];
  readonly topicsByName: Map<string, TopicState>;
}

export class ImageMetadataView implements MetadataView {
  private readonly listeners = new Set<MetadataListener>();
  private readonly log: Logger;
  private readonly unsubscribe: () => void;
  private readonly conversions = new WeakMap<MetadataImage, ImageConversions>();
  /** A topic's state depends only on its TopicImage and its config map, both shared between images while unchanged. */
  private readonly topicStates = new WeakMap<TopicImage, { configs: ReadonlyMap<string, string> | undefined; state: TopicState }>();
  private readonly offsetWaiters = new Set<() => void>();
  /** The image the next announced diff starts from. */
  private announced: MetadataImage;
  private announcing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: ImageMetadataViewOptions) {
    this.log = options.logger.child({ component: 'metadata-view' });
    this.announced = options.source.image();
    this.unsubscribe = options.source.onImage((image) => this.enqueue(image));
  }

  get clusterId(): string {
    return this.options.clusterId;
  }

  get localNodeId(): number {
    return this.options.nodeId;
  }

  controllerId(): number {
    return this.options.source.activeControllerId();
  }

  brokers(): readonly BrokerState[] {
    const conversions = this.conversionsOf(this.options.source.image());
    conversions.brokers ??= brokerStates(this.options.source.image());
    return conversions.brokers;
  }

  topics(): readonly TopicState[] {
    const image = this.options.source.image();
    const conversions = this.conversionsOf(image);
    conversions.topics ??= [...image.topicIdsByName.keys()].sort(byCodeUnits).flatMap((name) => this.topicOf(image, name) ?? []);
    return conversions.topics;
  }

  topic(name: string): TopicState | undefined {
    return this.topicOf(this.options.source.image(), name);
  }

  partition(topic: string, partition: number): PartitionState | undefined {
    return this.topic(topic)?.partitions[partition];
  }

  onChange(listener: MetadataListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The offset of the last image whose changes every listener has settled. */
  appliedOffset(): number {
    return this.announced.offset;
  }

  /** Resolves once appliedOffset() >= offset; rejects with REQUEST_TIMED_OUT after timeoutMs or when the view closes. */
  waitForOffset(offset: number, timeoutMs: number): Promise<void> {
    if (this.appliedOffset() >= offset) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (error?: BrookError): void => {
        clearTimeout(timer);
        this.offsetWaiters.delete(check);
        if (error === undefined) resolve();
        else reject(error);
      };
      const check = (): void => {
        if (this.appliedOffset() >= offset) finish();
        else if (this.closed) finish(new BrookError('REQUEST_TIMED_OUT', `the metadata view closed before applying offset ${offset}`));
      };
      const timer = boundedTimeout(timeoutMs, () => finish(new BrookError('REQUEST_TIMED_OUT', `metadata offset ${offset} not applied within ${timeoutMs} ms (applied: ${this.appliedOffset()})`)));
      this.offsetWaiters.add(check);
    });
  }

  /** Stops following the source; announcing in progress finishes, nothing new starts. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const check of [...this.offsetWaiters]) check();
  }

  private enqueue(image: MetadataImage): void {
    this.announcing = this.announcing.then(() => this.announce(image));
  }

  private async announce(image: MetadataImage): Promise<void> {
    if (this.closed || image.offset <= this.announced.offset) return;
    const changes = this.diff(this.announced, image);
    for (const change of changes) {
      for (const listener of [...this.listeners]) {
        try {
          await listener(change);
        } catch (error) {
          // A listener's failure is its own (it logs what it could not do); the next ones and
          // the next images still get their turn.
          this.log.error({ err: error, change: change.kind, topic: change.topic.name }, 'a metadata listener failed');
        }
      }
    }
    this.announced = image;
    for (const check of [...this.offsetWaiters]) check();
  }

  /** Deletions first (by topic id: a re-created name is a deletion then a creation), then creations and changes. */
  private diff(previous: MetadataImage, next: MetadataImage): MetadataChange[] {
    const changes: MetadataChange[] = [];
    for (const [topicId, topic] of previous.topicsById) {
      if (!next.topicsById.has(topicId)) changes.push({ kind: 'topic-deleted', topic: this.topicState(previous, topic) });
    }
    for (const [topicId, topic] of next.topicsById) {
      const before = previous.topicsById.get(topicId);
      if (before === undefined) changes.push({ kind: 'topic-created', topic: this.topicState(next, topic) });
      else if ((before !== topic && partitionsDiffer(before, topic)) || previous.configs.get(`topic:${before.name}`) !== next.configs.get(`topic:${topic.name}`)) {
        changes.push({ kind: 'topic-changed', topic: this.topicState(next, topic), previous: this.topicState(previous, before) });
      }
    }
    return changes;
  }

  private conversionsOf(image: MetadataImage): ImageConversions {
    let conversions = this.conversions.get(image);
    if (conversions === undefined) {
      conversions = { topicsByName: new Map() };
      this.conversions.set(image, conversions);
    }
    return conversions;
  }

  private topicOf(image: MetadataImage, name: string): TopicState | undefined {
    const conversions = this.conversionsOf(image);
    let state = conversions.topicsByName.get(name);
    if (state === undefined) {
      const topicId = image.topicIdsByName.get(name);
      const topic = topicId === undefined ? undefined : image.topicsById.get(topicId);
      if (topic === undefined) return undefined;
      state = this.topicState(image, topic);
      conversions.topicsByName.set(name, state);
    }
    return state;
  }

  private topicState(image: MetadataImage, topic: TopicImage): TopicState {
    // The key topicConfig() reads; not topicConfig() itself, whose fresh empty map for a topic
    // without overrides would defeat the cache below.
    const configs = image.configs.get(`topic:${topic.name}`);
    const cached = this.topicStates.get(topic);
    if (cached !== undefined && cached.configs === configs) return cached.state;
    const state = toTopicState(topic, configs);
    this.topicStates.set(topic, { configs, state });
    return state;
  }
}

function toTopicState(topic: TopicImage, configs: ReadonlyMap<string, string> | undefined): TopicState {
  return {
    name: topic.name,
    topicId: topic.topicId,
    partitions: topic.partitions.map((registration, partition) => ({
      topic: topic.name,
      partition,
      leaderId: registration.leader,
      leaderEpoch: registration.leaderEpoch,
      replicas: registration.replicas,
      isr: registration.isr,
      partitionEpoch: registration.partitionEpoch,
    })),
    configs: configs === undefined ? {} : Object.fromEntries(configs),
  };
}

/** Registered brokers with a client listener, in id order; a broker without one cannot be given to clients. */
function brokerStates(image: MetadataImage): BrokerState[] {
  return [...image.brokers.values()]
    .sort((a, b) => a.brokerId - b.brokerId)
    .flatMap((broker) => {
      const client = broker.listeners.find((listener) => listener.name === CLIENT_LISTENER_NAME);
      return client === undefined ? [] : [{ nodeId: broker.brokerId, host: client.host, port: client.port, rack: broker.rack ?? '', fenced: broker.fenced }];
    });
}

/** What the partition manager cares about: partitions added, leaders, epochs, replicas, ISRs. */
function partitionsDiffer(before: TopicImage, after: TopicImage): boolean {
  if (before.partitions.length !== after.partitions.length) return true;
  return after.partitions.some((partition, index) => {
    const old = before.partitions[index];
    if (old === partition) return false;
    return old === undefined || old.leader !== partition.leader || old.leaderEpoch !== partition.leaderEpoch || !sameIds(old.replicas, partition.replicas) || !sameIds(old.isr, partition.isr);
  });
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
