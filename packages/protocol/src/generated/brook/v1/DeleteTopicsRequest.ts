// Original file: ../../proto/brook/v1/admin.proto


/**
 * Delete topics and their data; each topic succeeds or fails on its own.
 */
export interface DeleteTopicsRequest {
  /**
   * The names of the topics to delete. Each succeeds or fails on its own.
   */
  'names'?: (string)[];
  /**
   * How long to wait for the controller to commit the deletion before answering
   * REQUEST_TIMED_OUT for the topics still pending (they may still be deleted).
   * 0 = the default, 30000 ms.
   */
  'timeoutMs'?: (number);
}

/**
 * Delete topics and their data; each topic succeeds or fails on its own.
 */
export interface DeleteTopicsRequest__Output {
  /**
   * The names of the topics to delete. Each succeeds or fails on its own.
   */
  'names': (string)[];
  /**
   * How long to wait for the controller to commit the deletion before answering
   * REQUEST_TIMED_OUT for the topics still pending (they may still be deleted).
   * 0 = the default, 30000 ms.
   */
  'timeoutMs': (number);
}
