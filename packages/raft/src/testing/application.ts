// The application a simulated node runs on top of Raft. Pluggable: the simulator calls these
// hooks and nothing else, so the controller's metadata state machine can later run here too.
import type { Entry, NodeId, Snapshot } from '../messages.js';

export interface ReplicatedApplication {
  /** Applies one committed entry, in log order. `noop` entries arrive too and must be ignored. */
  apply(entry: Entry): void;
  /** The index of the last entry applied (or restored from a snapshot). */
  appliedIndex(): number;
  /** Serialises the state as of appliedIndex(), for compact(). */
  takeSnapshot(): Uint8Array;
  /** Replaces the state with a snapshot's (installed from the leader, or on restart). */
  restoreSnapshot(snapshot: Snapshot): void;
}

export type ApplicationFactory = (nodeId: NodeId) => ReplicatedApplication;

/**
 * A state machine whose whole state is a count and a running hash of the normal entries
 * applied: two nodes that applied different sequences end with different hashes.
 */
export class HashChainApplication implements ReplicatedApplication {
  private applied = 0;
  private count = 0;
  private hash = 0x811c9dc5;

  apply(entry: Entry): void {
    this.applied = entry.index;
    if (entry.kind === 'noop') return;
    this.count++;
    this.hash = mixHash(this.hash, bytesHash(entry.data));
  }

  appliedIndex(): number {
    return this.applied;
  }

  appliedCount(): number {
    return this.count;
  }

  stateHash(): number {
    return this.hash;
  }

  takeSnapshot(): Uint8Array {
    const bytes = new Uint8Array(12);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, this.applied);
    view.setUint32(4, this.count);
    view.setUint32(8, this.hash);
    return bytes;
  }

  restoreSnapshot(snapshot: Snapshot): void {
    if (snapshot.data.byteLength !== 12) throw new RangeError(`bad snapshot of ${snapshot.data.byteLength} bytes`);
    const view = new DataView(snapshot.data.buffer, snapshot.data.byteOffset, snapshot.data.byteLength);
    this.applied = view.getUint32(0);
    this.count = view.getUint32(4);
    this.hash = view.getUint32(8);
    if (this.applied !== snapshot.metadata.index) {
      throw new RangeError(`snapshot data at ${this.applied} but metadata at ${snapshot.metadata.index}`);
    }
  }
}

/** FNV-1a over bytes. */
export function bytesHash(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hash >>> 0;
}

/** Combines two 32-bit hashes (murmur3's finaliser over their mix). */
export function mixHash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A hash of an entry's identity and content. */
export function entryHash(entry: Entry): number {
  return mixHash(mixHash(entry.term, entry.kind === 'noop' ? 1 : 2), bytesHash(entry.data));
}
