// FetchMetadata on the active controller (KIP-631's observers; KIP-595's fetch): the committed
// batches after the asker's offset, or the snapshot image and the batches after it when that
// offset is older than what is kept (KIP-630). With nothing new, the call waits until a batch is
// applied or max_wait_ms passes; it answers at once when this node stops being the active
// controller or closes (NOT_CONTROLLER, so the asker moves to the new one).
import { BrookError, notControllerError } from '@brook/protocol';
import type { FetchMetadataRequest__Output, FetchMetadataResponse } from '@brook/protocol';
import { RECORD_BATCH_BYTES_MAX } from '@brook/controller';
import type { MetadataImage } from '@brook/controller';
import { clusterMismatchCode } from './controller-errors.js';
import type { MetadataLogTail } from './metadata-log-tail.js';

/** What FetchMetadata needs of the controller. */
export interface MetadataServer {
  isActive(): boolean;
  untilActive(deadlineMs: number): Promise<void>;
  image(): MetadataImage;
  currentTerm(): number;
  activeControllerId(): number;
  metadataTail(): MetadataLogTail;
  observerFetched(nodeId: number, afterOffset: number): void;
}

export async function fetchMetadata(
  server: MetadataServer,
  clusterId: string,
  selfId: number,
  request: FetchMetadataRequest__Output,
  deadlineMs: number,
): Promise<FetchMetadataResponse> {
  if (request.clusterId !== clusterId) {
    throw new BrookError(clusterMismatchCode(), `node ${request.nodeId} fetches metadata of cluster '${request.clusterId}', this controller belongs to '${clusterId}'`);
  }
  await server.untilActive(deadlineMs);
  const after = Number(request.afterOffset);
  if (!Number.isSafeInteger(after) || after < -1) throw new BrookError('INVALID_REQUEST', `after_offset ${request.afterOffset} must be -1 or an offset`);
  server.observerFetched(request.nodeId, after);
  const maxBytes = request.maxBytes > 0 ? request.maxBytes : RECORD_BATCH_BYTES_MAX;
  const waitUntil = Math.min(Date.now() + Math.max(0, request.maxWaitMs), deadlineMs);
  const tail = server.metadataTail();
  for (;;) {
    const read = tail.read(after, maxBytes);
    const remainingMs = waitUntil - Date.now();
    if (read.snapshot !== undefined || read.batches.length > 0 || remainingMs <= 0) {
      return {
        snapshot: read.snapshot === undefined ? null : { offset: read.snapshot.offset, image: read.snapshot.image },
        batches: read.batches.map((b) => ({ offset: b.offset, records: b.records })),
        highWatermark: server.image().offset,
        leaderId: selfId,
        leaderEpoch: server.currentTerm(),
      };
    }
    await tail.waitForChange(remainingMs);
    if (!server.isActive()) throw notControllerError(server.activeControllerId(), 'this node stopped being the active controller during the fetch');
  }
}
