// Original file: ../../proto/brook/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One committed batch of the metadata log: the records of one controller command.
 */
export interface MetadataBatch {
  /**
   * The batch's metadata-log offset (the Raft entry index).
   */
  'offset'?: (number | string | Long);
  /**
   * The records, in the controller's record codec (@brook/controller encodeRecords).
   */
  'records'?: (Buffer | Uint8Array | string);
}

/**
 * One committed batch of the metadata log: the records of one controller command.
 */
export interface MetadataBatch__Output {
  /**
   * The batch's metadata-log offset (the Raft entry index).
   */
  'offset': (string);
  /**
   * The records, in the controller's record codec (@brook/controller encodeRecords).
   */
  'records': (Buffer);
}
