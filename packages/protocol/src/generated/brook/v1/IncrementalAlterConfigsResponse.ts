// Original file: ../../proto/brook/v1/admin.proto

import type { AlterConfigsResult as _brook_v1_AlterConfigsResult, AlterConfigsResult__Output as _brook_v1_AlterConfigsResult__Output } from '../../brook/v1/AlterConfigsResult.js';

/**
 * The outcome of IncrementalAlterConfigs, one result per requested topic.
 */
export interface IncrementalAlterConfigsResponse {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics'?: (_brook_v1_AlterConfigsResult)[];
}

/**
 * The outcome of IncrementalAlterConfigs, one result per requested topic.
 */
export interface IncrementalAlterConfigsResponse__Output {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics': (_brook_v1_AlterConfigsResult__Output)[];
}
