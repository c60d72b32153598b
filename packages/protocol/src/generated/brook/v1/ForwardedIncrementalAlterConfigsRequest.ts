// Original file: ../../proto/brook/v1/controller.proto

import type { IncrementalAlterConfigsRequest as _brook_v1_IncrementalAlterConfigsRequest, IncrementalAlterConfigsRequest__Output as _brook_v1_IncrementalAlterConfigsRequest__Output } from '../../brook/v1/IncrementalAlterConfigsRequest.js';

/**
 * IncrementalAlterConfigs as a broker forwards it.
 */
export interface ForwardedIncrementalAlterConfigsRequest {
  /**
   * The client's request, unchanged.
   */
  'request'?: (_brook_v1_IncrementalAlterConfigsRequest | null);
}

/**
 * IncrementalAlterConfigs as a broker forwards it.
 */
export interface ForwardedIncrementalAlterConfigsRequest__Output {
  /**
   * The client's request, unchanged.
   */
  'request': (_brook_v1_IncrementalAlterConfigsRequest__Output | null);
}
