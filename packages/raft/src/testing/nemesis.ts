// The fault schedule of the chaos phase, drawn from the seed: crashes and restarts, and
// partitions of every shape (a symmetric split, a minority or the leader cut off, one-way
// links, and flapping links that toggle every few ticks).
import type { NodeId } from '../index.js';
import type { SeededRandom } from '../random.js';
import type { SimCluster } from './cluster.js';
import type { NetworkFaults, SimNetwork } from './network.js';

type PartitionShape = 'split' | 'isolate-leader' | 'one-way' | 'flapping';
const SHAPES: readonly PartitionShape[] = ['split', 'isolate-leader', 'one-way', 'flapping'];

export class Nemesis {
  active = true;
  crashes = 0;
  readonly leadersSeen = new Set<number>();
  private readonly random: SeededRandom;
  private readonly cluster: SimCluster;
  private readonly network: SimNetwork;
  private readonly faults: NetworkFaults;
  /** Flapping: the link toggled, and ticks left until it toggles again / the episode ends. */
  private flapping: { a: NodeId; b: NodeId; period: number; ticksLeft: number } | undefined;
  private tick = 0;

  constructor(random: SeededRandom, cluster: SimCluster, network: SimNetwork) {
    this.random = random;
    this.cluster = cluster;
    this.network = network;
    this.faults = network.faults;
  }

  /** One tick of faults; returns how many fault events happened. */
  act(leader: NodeId | undefined): number {
    this.tick++;
    let events = 0;
    const ids = this.cluster.ids();
    if (this.random.chance(0.004)) {
      const victim = this.random.chance(0.5) && leader !== undefined ? leader : pick(this.random, ids);
      if (this.cluster.node(victim).alive) {
        this.cluster.crash(victim);
        this.crashes++;
        events++;
      }
    }
    for (const id of ids) {
      if (!this.cluster.node(id).alive && this.random.chance(0.03)) {
        this.cluster.restart(id);
        events++;
      }
    }
    events += this.partitions(leader, ids);
    return events;
  }

  /** Restarts every node and makes the network reliable (delays stay). */
  healAll(): void {
    this.active = false;
    this.flapping = undefined;
    this.network.heal();
    this.network.faults = { ...this.faults, lossRate: 0, duplicateRate: 0 };
    for (const id of this.cluster.ids()) this.cluster.restart(id);
  }

  private partitions(leader: NodeId | undefined, ids: NodeId[]): number {
    if (this.flapping !== undefined) return this.flap();
    if (this.network.partitioned) {
      if (!this.random.chance(0.02)) return 0;
      this.network.heal();
      return 1;
    }
    if (!this.random.chance(0.01)) return 0;
    const shape = pick(this.random, SHAPES);
    switch (shape) {
      case 'split': {
        // A random minority/majority split of all nodes (learners land on either side).
        const shuffled = shuffle(this.random, ids);
        const cut = 1 + this.random.nextInt(Math.max(1, Math.floor(ids.length / 2)));
        this.network.partition(shuffled.slice(0, cut), shuffled.slice(cut));
        return 1;
      }
      case 'isolate-leader': {
        const victim = leader ?? pick(this.random, ids);
        this.network.partition([victim], ids.filter((id) => id !== victim));
        return 1;
      }
      case 'one-way': {
        // One node can still send but no longer receive (or the reverse).
        const victim = pick(this.random, ids);
        const deaf = this.random.chance(0.5);
        for (const other of ids) if (other !== victim) this.network.block(deaf ? other : victim, deaf ? victim : other);
        return 1;
      }
      case 'flapping': {
        const a = leader ?? pick(this.random, ids);
        const b = pick(this.random, ids.filter((id) => id !== a));
        this.flapping = { a, b, period: 2 + this.random.nextInt(12), ticksLeft: 40 + this.random.nextInt(120) };
        return 1;
      }
    }
  }

  private flap(): number {
    const episode = this.flapping;
    if (episode === undefined) return 0;
    episode.ticksLeft--;
    if (episode.ticksLeft <= 0) {
      this.flapping = undefined;
      this.network.heal();
      return 1;
    }
    if (this.tick % episode.period !== 0) return 0;
    if (this.network.partitioned) this.network.heal();
    else this.network.partition([episode.a], [episode.b]);
    return 1;
  }
}

function pick<T>(random: SeededRandom, items: readonly T[]): T {
  const item = items[random.nextInt(items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

function shuffle<T>(random: SeededRandom, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const swap = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = swap;
  }
  return copy;
}
