// Original file: ../../proto/brook/v1/fetch.proto

import type { FetchResponse as _brook_v1_FetchResponse, FetchResponse__Output as _brook_v1_FetchResponse__Output } from '../../brook/v1/FetchResponse.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The answer to one FetchStreamRequest.
 */
export interface FetchStreamResponse {
  /**
   * The correlation id of the request answered.
   */
  'correlationId'?: (number | string | Long);
  /**
   * The answer, as a unary Fetch would give it; absent when error_code is set.
   */
  'response'?: (_brook_v1_FetchResponse | null);
  /**
   * A failure of the whole request (what a unary Fetch reports as a gRPC status), 0 otherwise.
   */
  'errorCode'?: (number);
  /**
   * A human-readable message for error_code.
   */
  'errorMessage'?: (string);
}

/**
 * The answer to one FetchStreamRequest.
 */
export interface FetchStreamResponse__Output {
  /**
   * The correlation id of the request answered.
   */
  'correlationId': (string);
  /**
   * The answer, as a unary Fetch would give it; absent when error_code is set.
   */
  'response': (_brook_v1_FetchResponse__Output | null);
  /**
   * A failure of the whole request (what a unary Fetch reports as a gRPC status), 0 otherwise.
   */
  'errorCode': (number);
  /**
   * A human-readable message for error_code.
   */
  'errorMessage': (string);
}
