// Original file: ../../proto/brook/v1/controller.proto

import type { CreateTopicsRequest as _brook_v1_CreateTopicsRequest, CreateTopicsRequest__Output as _brook_v1_CreateTopicsRequest__Output } from '../../brook/v1/CreateTopicsRequest.js';

/**
 * CreateTopics as a broker forwards it: the client's request plus what the controller needs to
 * fill in defaults the way the receiving broker would.
 */
export interface ForwardedCreateTopicsRequest {
  /**
   * The client's request, unchanged.
   */
  'request'?: (_brook_v1_CreateTopicsRequest | null);
}

/**
 * CreateTopics as a broker forwards it: the client's request plus what the controller needs to
 * fill in defaults the way the receiving broker would.
 */
export interface ForwardedCreateTopicsRequest__Output {
  /**
   * The client's request, unchanged.
   */
  'request': (_brook_v1_CreateTopicsRequest__Output | null);
}
