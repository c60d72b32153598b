// Original file: ../../proto/brook/v1/produce.proto


/**
 * Why one record of a produced batch was rejected (Kafka's BatchIndexAndErrorMessage).
 */
export interface RecordError {
  /**
   * The record's position within its batch, from 0.
   */
  'batchIndex'?: (number);
  /**
   * Why the record was rejected.
   */
  'message'?: (string);
}

/**
 * Why one record of a produced batch was rejected (Kafka's BatchIndexAndErrorMessage).
 */
export interface RecordError__Output {
  /**
   * The record's position within its batch, from 0.
   */
  'batchIndex': (number);
  /**
   * Why the record was rejected.
   */
  'message': (string);
}
