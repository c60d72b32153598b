// Original file: ../../proto/brook/v1/admin.proto

import type { DescribeConfigsResult as _brook_v1_DescribeConfigsResult, DescribeConfigsResult__Output as _brook_v1_DescribeConfigsResult__Output } from '../../brook/v1/DescribeConfigsResult.js';

/**
 * The outcome of DescribeConfigs, one result per requested topic.
 */
export interface DescribeConfigsResponse {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics'?: (_brook_v1_DescribeConfigsResult)[];
}

/**
 * The outcome of DescribeConfigs, one result per requested topic.
 */
export interface DescribeConfigsResponse__Output {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics': (_brook_v1_DescribeConfigsResult__Output)[];
}
