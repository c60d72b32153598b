// Where a broker's MetadataImage comes from. A node running the controller role applies the
// metadata log itself (QuorumController, packages/broker/src/controller); a broker-only node
// follows it as an observer over FetchMetadata (MetadataFetcher). The broker side (the metadata
// view, the partition manager, the lifecycle's caught-up check, read-your-writes after a
// forwarded admin request) sees only this interface.
import type { MetadataImage } from '@brook/controller';

export type ImageListener = (image: MetadataImage, previous: MetadataImage) => void;

export interface MetadataSource {
  /** The latest committed image applied on this node (EMPTY_IMAGE, offset -1, before any). */
  image(): MetadataImage;
  /** Called after every newly applied image, in offset order; returns the unsubscribe function. */
  onImage(listener: ImageListener): () => void;
  /**
   * Resolves once image().offset >= offset; rejects with BrookError REQUEST_TIMED_OUT after
   * timeoutMs, or when the source closes.
   */
  waitForOffset(offset: number, timeoutMs: number): Promise<void>;
  /** The active controller's node id as this node last learned it; -1 when unknown. */
  activeControllerId(): number;
}
