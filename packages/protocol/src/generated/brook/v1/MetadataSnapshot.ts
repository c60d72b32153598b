// Original file: ../../proto/brook/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A snapshot of the metadata image, sent when after_offset was compacted away.
 */
export interface MetadataSnapshot {
  /**
   * The offset of the last batch the snapshot includes.
   */
  'offset'?: (number | string | Long);
  /**
   * The image, in the controller's snapshot codec (@brook/controller encodeSnapshot).
   */
  'image'?: (Buffer | Uint8Array | string);
}

/**
 * A snapshot of the metadata image, sent when after_offset was compacted away.
 */
export interface MetadataSnapshot__Output {
  /**
   * The offset of the last batch the snapshot includes.
   */
  'offset': (string);
  /**
   * The image, in the controller's snapshot codec (@brook/controller encodeSnapshot).
   */
  'image': (Buffer);
}
