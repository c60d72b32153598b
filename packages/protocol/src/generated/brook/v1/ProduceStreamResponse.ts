// Original file: ../../proto/brook/v1/produce.proto

import type { ProduceResponse as _brook_v1_ProduceResponse, ProduceResponse__Output as _brook_v1_ProduceResponse__Output } from '../../brook/v1/ProduceResponse.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The answer to one ProduceStreamRequest.
 */
export interface ProduceStreamResponse {
  /**
   * The correlation id of the request answered.
   */
  'correlationId'?: (number | string | Long);
  /**
   * The answer, as a unary Produce would give it; absent when error_code is set.
   */
  'response'?: (_brook_v1_ProduceResponse | null);
  /**
   * A failure of the whole request (what a unary Produce reports as a gRPC status), 0 otherwise.
   */
  'errorCode'?: (number);
  /**
   * A human-readable message for error_code.
   */
  'errorMessage'?: (string);
}

/**
 * The answer to one ProduceStreamRequest.
 */
export interface ProduceStreamResponse__Output {
  /**
   * The correlation id of the request answered.
   */
  'correlationId': (string);
  /**
   * The answer, as a unary Produce would give it; absent when error_code is set.
   */
  'response': (_brook_v1_ProduceResponse__Output | null);
  /**
   * A failure of the whole request (what a unary Produce reports as a gRPC status), 0 otherwise.
   */
  'errorCode': (number);
  /**
   * A human-readable message for error_code.
   */
  'errorMessage': (string);
}
