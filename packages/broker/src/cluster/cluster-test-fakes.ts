// In-process stand-ins for the tests of this directory: a BrookController gRPC server on a
// loopback port whose handlers a test writes as plain (async) functions, and a MetadataSource
// fed directly with @brook/controller records. Nothing here runs in a server.
import { Server, ServerCredentials, status as GrpcStatus, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { BrookError, brookControllerServiceDefinition, toServiceError } from '@brook/protocol';
import type {
  BrokerHeartbeatRequest__Output,
  BrokerHeartbeatResponse,
  BrookControllerHandlers,
  DescribeQuorumRequest__Output,
  DescribeQuorumResponse,
  FetchMetadataRequest__Output,
  FetchMetadataResponse,
  ForwardedCreateTopicsRequest__Output,
  ForwardedCreateTopicsResponse,
  ForwardedDeleteTopicsRequest__Output,
  ForwardedDeleteTopicsResponse,
  ForwardedIncrementalAlterConfigsRequest__Output,
  ForwardedIncrementalAlterConfigsResponse,
  RegisterBrokerRequest__Output,
  RegisterBrokerResponse,
} from '@brook/protocol';
import { EMPTY_IMAGE, replayBatch, type MetadataImage, type MetadataRecord } from '@brook/controller';
import type { ImageListener, MetadataSource } from './metadata-source.js';

export interface FakeControllerHandlers {
  RegisterBroker?: (request: RegisterBrokerRequest__Output) => RegisterBrokerResponse | Promise<RegisterBrokerResponse>;
  BrokerHeartbeat?: (request: BrokerHeartbeatRequest__Output) => BrokerHeartbeatResponse | Promise<BrokerHeartbeatResponse>;
  FetchMetadata?: (request: FetchMetadataRequest__Output) => FetchMetadataResponse | Promise<FetchMetadataResponse>;
  CreateTopics?: (request: ForwardedCreateTopicsRequest__Output) => ForwardedCreateTopicsResponse | Promise<ForwardedCreateTopicsResponse>;
  DeleteTopics?: (request: ForwardedDeleteTopicsRequest__Output) => ForwardedDeleteTopicsResponse | Promise<ForwardedDeleteTopicsResponse>;
  IncrementalAlterConfigs?: (request: ForwardedIncrementalAlterConfigsRequest__Output) => ForwardedIncrementalAlterConfigsResponse | Promise<ForwardedIncrementalAlterConfigsResponse>;
  DescribeQuorum?: (request: DescribeQuorumRequest__Output) => DescribeQuorumResponse | Promise<DescribeQuorumResponse>;
}

export interface FakeController {
  readonly address: string;
  /** Method names in the order they arrived. */
  readonly calls: string[];
  /** Replaces handlers while running (a failover in a test). */
  handlers: FakeControllerHandlers;
  stop(): Promise<void>;
}

/** A BrookController on 127.0.0.1:<free port>. A handler that throws answers with that error (toServiceError, or as is when it is already a gRPC status). */
export async function startFakeController(handlers: FakeControllerHandlers): Promise<FakeController> {
  const server = new Server();
  const calls: string[] = [];
  const fake = { handlers, calls } as { handlers: FakeControllerHandlers; calls: string[] };
  const method =
    (name: keyof FakeControllerHandlers) =>
    (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void => {
      calls.push(name);
      const handler = fake.handlers[name] as ((request: unknown) => unknown) | undefined;
      if (handler === undefined) {
        callback({ code: GrpcStatus.UNIMPLEMENTED, details: `${name} is not faked` });
        return;
      }
      Promise.resolve()
        .then(() => handler(call.request))
        .then(
          (response) => callback(null, response),
          (error: unknown) => callback(isStatus(error) ? error : toServiceError(error)),
        );
    };
  const implementation = {
    RegisterBroker: method('RegisterBroker'),
    BrokerHeartbeat: method('BrokerHeartbeat'),
    FetchMetadata: method('FetchMetadata'),
    CreateTopics: method('CreateTopics'),
    DeleteTopics: method('DeleteTopics'),
    IncrementalAlterConfigs: method('IncrementalAlterConfigs'),
    DescribeQuorum: method('DescribeQuorum'),
  } as unknown as BrookControllerHandlers;
  server.addService(brookControllerServiceDefinition(), implementation);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  return Object.assign(fake, {
    address: `127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())).then(() => server.forceShutdown()),
  });
}

function isStatus(error: unknown): error is Error & { code: number } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number' && (error as { metadata?: unknown }).metadata !== undefined;
}

/** A MetadataSource a test feeds: each apply() is one committed batch at the next offset. */
export class FakeMetadataSource implements MetadataSource {
  private current: MetadataImage;
  private readonly listeners = new Set<ImageListener>();
  private readonly waiters = new Set<() => void>();
  private closed = false;
  activeController = -1;

  constructor(image: MetadataImage = EMPTY_IMAGE) {
    this.current = image;
  }

  image(): MetadataImage {
    return this.current;
  }

  activeControllerId(): number {
    return this.activeController;
  }

  onImage(listener: ImageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replays `records` as one batch at `offset` (default: the next) and announces the new image. */
  apply(records: readonly MetadataRecord[], offset = this.current.offset + 1): MetadataImage {
    return this.install(replayBatch(this.current, records, offset));
  }

  /** Registers each broker (one batch each) and unfences it (another), so that it may lead partitions. */
  addLiveBrokers(...brokerIds: number[]): MetadataImage {
    for (const brokerId of brokerIds) {
      const epoch = this.apply([registerBrokerRecord(brokerId)]).offset;
      this.apply([{ type: 'UnfenceBroker', version: 0, brokerId, brokerEpoch: epoch }]);
    }
    return this.current;
  }

  install(image: MetadataImage): MetadataImage {
    const previous = this.current;
    this.current = image;
    for (const listener of this.listeners) listener(image, previous);
    for (const wake of [...this.waiters]) wake();
    return image;
  }

  waitForOffset(offset: number, timeoutMs: number): Promise<void> {
    if (this.current.offset >= offset) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new BrookError('REQUEST_TIMED_OUT', `metadata offset ${offset} not reached within ${timeoutMs} ms`)), timeoutMs);
      const finish = (error?: BrookError): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error === undefined) resolve();
        else reject(error);
      };
      const check = (): void => {
        if (this.closed) finish(new BrookError('REQUEST_TIMED_OUT', 'the metadata source closed'));
        else if (this.current.offset >= offset) finish();
      };
      this.waiters.add(check);
    });
  }

  close(): void {
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
  }
}

/** A broker's registration record with client and internal listeners on loopback ports 9000+id / 9100+id. */
export function registerBrokerRecord(brokerId: number, rack: string | null = null): MetadataRecord {
  return {
    type: 'RegisterBroker',
    version: 0,
    brokerId,
    incarnationId: brokerId.toString(16).padStart(32, '0'),
    listeners: [
      { name: 'client', host: '127.0.0.1', port: 9000 + brokerId },
      { name: 'internal', host: '127.0.0.1', port: 9100 + brokerId },
    ],
    rack,
  };
}

/** A topic with one partition per replica list; leader = first replica, ISR = replicas, epochs 0. */
export function topicRecords(name: string, topicId: string, replicasByPartition: readonly (readonly number[])[], configs: Record<string, string> = {}): MetadataRecord[] {
  const records: MetadataRecord[] = [{ type: 'Topic', version: 0, name, topicId }];
  for (const [key, value] of Object.entries(configs).sort(([a], [b]) => (a < b ? -1 : 1))) {
    records.push({ type: 'Config', version: 0, resource: { kind: 'topic', name }, key, value });
  }
  replicasByPartition.forEach((replicas, partition) => {
    records.push({ type: 'Partition', version: 0, topicId, partition, replicas, isr: replicas, leader: replicas[0] ?? -1, leaderEpoch: 0, partitionEpoch: 0 });
  });
  return records;
}

/** A 32-hex topic id from a small number, readable in test output. */
export function testTopicId(n: number): string {
  return n.toString(16).padStart(32, '0');
}
