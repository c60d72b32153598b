// Original file: ../../proto/brook/v1/admin.proto


/**
 * The outcome for one topic of an IncrementalAlterConfigs request.
 */
export interface AlterConfigsResult {
  /**
   * The topic's name, as in the request.
   */
  'name'?: (string);
  /**
   * 0 (NONE), or UNKNOWN_TOPIC_OR_PARTITION, INVALID_CONFIG, INVALID_REQUEST, REQUEST_TIMED_OUT, ...
   */
  'errorCode'?: (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage'?: (string);
}

/**
 * The outcome for one topic of an IncrementalAlterConfigs request.
 */
export interface AlterConfigsResult__Output {
  /**
   * The topic's name, as in the request.
   */
  'name': (string);
  /**
   * 0 (NONE), or UNKNOWN_TOPIC_OR_PARTITION, INVALID_CONFIG, INVALID_REQUEST, REQUEST_TIMED_OUT, ...
   */
  'errorCode': (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage': (string);
}
