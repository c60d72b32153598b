// A simulated network: every message is delayed by a random number of ticks (so messages
// reorder), may be lost or duplicated, and is dropped when a partition blocks its direction.
import type { Message, NodeId } from '../index.js';
import type { SeededRandom } from '../random.js';

export interface NetworkFaults {
  lossRate: number;
  duplicateRate: number;
  delayTicksMin: number;
  delayTicksMax: number;
}

export class SimNetwork {
  faults: NetworkFaults;
  private readonly random: SeededRandom;
  private readonly queue = new Map<number, Message[]>();
  /** Blocked directions, keyed from * 1024 + to. */
  private readonly blocked = new Set<number>();
  private inFlight = 0;

  constructor(random: SeededRandom, faults: NetworkFaults) {
    this.random = random;
    this.faults = faults;
  }

  get inFlightCount(): number {
    return this.inFlight;
  }

  send(message: Message, now: number): void {
    if (this.random.chance(this.faults.lossRate)) return;
    this.enqueue(message, now);
    if (this.random.chance(this.faults.duplicateRate)) this.enqueue(message, now);
  }

  /** The messages due at `now`, in random order; partitions are applied at delivery. */
  takeDue(now: number): Message[] {
    const due = this.queue.get(now);
    if (due === undefined) return [];
    this.queue.delete(now);
    this.inFlight -= due.length;
    for (let i = due.length - 1; i > 0; i--) {
      const j = this.random.nextInt(i + 1);
      const swap = due[i] as Message;
      due[i] = due[j] as Message;
      due[j] = swap;
    }
    return due.filter((m) => !this.isBlocked(m.from, m.to));
  }

  isBlocked(from: NodeId, to: NodeId): boolean {
    return this.blocked.has(from * 1024 + to);
  }

  block(from: NodeId, to: NodeId): void {
    this.blocked.add(from * 1024 + to);
  }

  /** Cuts every link between the two groups, both ways. */
  partition(groupA: readonly NodeId[], groupB: readonly NodeId[]): void {
    for (const a of groupA) {
      for (const b of groupB) {
        this.block(a, b);
        this.block(b, a);
      }
    }
  }

  heal(): void {
    this.blocked.clear();
  }

  get partitioned(): boolean {
    return this.blocked.size > 0;
  }

  private enqueue(message: Message, now: number): void {
    const span = this.faults.delayTicksMax - this.faults.delayTicksMin + 1;
    const at = now + this.faults.delayTicksMin + this.random.nextInt(span);
    const bucket = this.queue.get(at);
    if (bucket === undefined) this.queue.set(at, [message]);
    else bucket.push(message);
    this.inFlight++;
  }
}
