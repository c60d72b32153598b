// Producer ids for idempotent producers (Kafka's RPCProducerIdManager, KIP-730): the broker
// hands out ids from a block the active controller allocated to it alone, and asks for the next
// block when this one runs out. A block is never reused, so ids are unique across brokers,
// restarts and controller failovers (the controller records every block in the metadata log).
import { BrookError } from '@brook/protocol';
import type { ControllerChannel } from './controller-channel.js';

export interface ProducerIdManagerOptions {
  channel: Pick<ControllerChannel, 'allocateProducerIds'>;
  nodeId: number;
  /** The broker's current epoch; the controller refuses a stale one. */
  brokerEpoch: () => number;
  requestTimeoutMs: number;
}

export class ProducerIdManager {
  private next = 0;
  private end = 0;
  /** One allocation at a time: concurrent InitProducerId calls share it. */
  private allocating: Promise<void> | undefined;

  constructor(private readonly options: ProducerIdManagerOptions) {}

  async nextProducerId(): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.next < this.end) return this.next++;
      this.allocating ??= this.allocate().finally(() => {
        this.allocating = undefined;
      });
      await this.allocating;
    }
    throw new BrookError('REQUEST_TIMED_OUT', 'producer id blocks run out faster than the controller allocates them');
  }

  private async allocate(): Promise<void> {
    const epoch = this.options.brokerEpoch();
    if (epoch < 0) throw new BrookError('BROKER_ID_NOT_REGISTERED', `broker ${this.options.nodeId} is not registered yet`);
    const block = await this.options.channel.allocateProducerIds({ brokerId: this.options.nodeId, brokerEpoch: epoch }, { timeoutMs: this.options.requestTimeoutMs });
    this.next = Number(block.firstProducerId);
    this.end = this.next + block.count;
  }
}
