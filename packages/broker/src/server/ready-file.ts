// <dataDir>/broker.ready.json: written once the broker serves, so that scripts and test
// harnesses starting it on port 0 learn the bound addresses without parsing logs. Written
// atomically (a reader never sees half a file) and removed on a clean stop; after a kill -9 a
// stale one stays, which is why it carries the pid: a reader checks it against the process it
// started.
import { join } from 'node:path';
import { removeDurably, writeJsonAtomically } from '../metadata/atomic-json.js';

export const READY_FILE = 'broker.ready.json';

export interface ReadyFileContents {
  pid: number;
  nodeId: number;
  /** The client gRPC address; '' on a controller-only node. */
  clientAddress: string;
  /** The internal gRPC address (Raft, broker-to-controller). */
  internalAddress: string;
  adminAddress: string;
}

export function writeReadyFile(dataDir: string, contents: ReadyFileContents): Promise<void> {
  return writeJsonAtomically(join(dataDir, READY_FILE), contents);
}

export function removeReadyFile(dataDir: string): Promise<void> {
  return removeDurably(join(dataDir, READY_FILE));
}
