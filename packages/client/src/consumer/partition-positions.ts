// The consumer's assigned partitions: for each, the next offset to fetch (or 'earliest'/'latest'
// until a ListOffsets resolves it), whether it is paused, and a generation that every seek,
// pause and reassignment bumps, so an answer to a fetch sent before the change is dropped rather
// than applied to the new position.

export type Position = bigint | 'earliest' | 'latest';

export interface PartitionPosition {
  readonly topic: string;
  readonly partition: number;
  position: Position;
  paused: boolean;
  generation: number;
  /** Not fetched before this time (Date.now()), after a retriable error. */
  retryAtMs: number;
  /** Consecutive UNKNOWN_TOPIC_OR_PARTITION answers: the consumer gives up past the retry limit. */
  unknownCount: number;
}

export const positionKey = (topic: string, partition: number): string => `${topic}/${partition}`;

/** Parses an offset given by a user: a non-negative integer (bigint, number, decimal string) or a sentinel. */
export function parseOffset(offset: unknown): Position {
  if (offset === 'earliest' || offset === 'latest') return offset;
  let value: bigint;
  if (typeof offset === 'bigint') value = offset;
  else if (typeof offset === 'number' && Number.isSafeInteger(offset)) value = BigInt(offset);
  else if (typeof offset === 'string' && /^\d+$/.test(offset)) value = BigInt(offset);
  else throw new TypeError(`an offset must be a non-negative integer, 'earliest' or 'latest', got ${String(offset)}`);
  if (value < 0n) throw new RangeError(`an offset must be >= 0, got ${value}`);
  return value;
}

export class PartitionPositions {
  private readonly positions = new Map<string, PartitionPosition>();

  /** Replaces the assignment (assign mode: the caller names every partition it reads). */
  assign(assignments: ReadonlyArray<{ topic: string; partition: number; position: Position }>): void {
    for (const old of this.positions.values()) old.generation++;
    this.positions.clear();
    for (const { topic, partition, position } of assignments) {
      if (!Number.isInteger(partition) || partition < 0) throw new RangeError(`partition must be a non-negative integer, got ${partition}`);
      this.positions.set(positionKey(topic, partition), { topic, partition, position, paused: false, generation: 0, retryAtMs: 0, unknownCount: 0 });
    }
  }

  get(topic: string, partition: number): PartitionPosition | undefined {
    return this.positions.get(positionKey(topic, partition));
  }

  /** The assigned partition, or throws: seeking or pausing an unassigned partition is a bug. */
  require(topic: string, partition: number): PartitionPosition {
    const state = this.get(topic, partition);
    if (state === undefined) throw new Error(`Consumer: ${topic}/${partition} is not assigned`);
    return state;
  }

  /** Every assigned partition matching `selection` (a topic without partitions means all of them). */
  select(selection: ReadonlyArray<{ topic: string; partitions?: readonly number[] }>): PartitionPosition[] {
    return selection.flatMap(({ topic, partitions }) =>
      partitions === undefined ? this.all().filter((p) => p.topic === topic) : partitions.map((partition) => this.require(topic, partition)),
    );
  }

  all(): PartitionPosition[] {
    return [...this.positions.values()];
  }

  /** Moves a partition's position, dropping answers to fetches sent for the old one. */
  seek(state: PartitionPosition, position: Position): void {
    state.position = position;
    state.generation++;
    state.retryAtMs = 0;
  }

  /** True when `state` is still the assigned partition at generation `generation`. */
  isCurrent(state: PartitionPosition, generation: number): boolean {
    return this.positions.get(positionKey(state.topic, state.partition)) === state && state.generation === generation && !state.paused;
  }
}
