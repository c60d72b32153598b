// Original file: ../../proto/brook/v1/produce.proto

import type { ProduceRequest as _brook_v1_ProduceRequest, ProduceRequest__Output as _brook_v1_ProduceRequest__Output } from '../../brook/v1/ProduceRequest.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One Produce on a ProduceStream.
 */
export interface ProduceStreamRequest {
  /**
   * Chosen by the client, unique among the stream's unanswered requests; its answer repeats it.
   */
  'correlationId'?: (number | string | Long);
  /**
   * The request, exactly as a unary Produce would carry it.
   */
  'request'?: (_brook_v1_ProduceRequest | null);
}

/**
 * One Produce on a ProduceStream.
 */
export interface ProduceStreamRequest__Output {
  /**
   * Chosen by the client, unique among the stream's unanswered requests; its answer repeats it.
   */
  'correlationId': (string);
  /**
   * The request, exactly as a unary Produce would carry it.
   */
  'request': (_brook_v1_ProduceRequest__Output | null);
}
