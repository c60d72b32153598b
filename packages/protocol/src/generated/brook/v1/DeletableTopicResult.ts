// Original file: ../../proto/brook/v1/admin.proto


/**
 * The outcome for one topic of a DeleteTopics request.
 */
export interface DeletableTopicResult {
  /**
   * The topic's name, as in the request.
   */
  'name'?: (string);
  /**
   * The id of the topic that was deleted; empty on error.
   */
  'topicId'?: (string);
  /**
   * 0 (NONE), or UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION, REQUEST_TIMED_OUT, ...
   */
  'errorCode'?: (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage'?: (string);
}

/**
 * The outcome for one topic of a DeleteTopics request.
 */
export interface DeletableTopicResult__Output {
  /**
   * The topic's name, as in the request.
   */
  'name': (string);
  /**
   * The id of the topic that was deleted; empty on error.
   */
  'topicId': (string);
  /**
   * 0 (NONE), or UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION, REQUEST_TIMED_OUT, ...
   */
  'errorCode': (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage': (string);
}
