// Original file: ../../proto/brook/v1/fetch.proto

import type { FetchRequest as _brook_v1_FetchRequest, FetchRequest__Output as _brook_v1_FetchRequest__Output } from '../../brook/v1/FetchRequest.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One Fetch on a FetchStream.
 */
export interface FetchStreamRequest {
  /**
   * Chosen by the client, unique among the stream's unanswered requests; its answer repeats it.
   */
  'correlationId'?: (number | string | Long);
  /**
   * The request, exactly as a unary Fetch would carry it.
   */
  'request'?: (_brook_v1_FetchRequest | null);
}

/**
 * One Fetch on a FetchStream.
 */
export interface FetchStreamRequest__Output {
  /**
   * Chosen by the client, unique among the stream's unanswered requests; its answer repeats it.
   */
  'correlationId': (string);
  /**
   * The request, exactly as a unary Fetch would carry it.
   */
  'request': (_brook_v1_FetchRequest__Output | null);
}
