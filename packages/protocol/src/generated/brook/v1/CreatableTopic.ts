// Original file: ../../proto/brook/v1/admin.proto


/**
 * One topic to create.
 */
export interface CreatableTopic {
  /**
   * The topic's name: 1 to 249 characters from [a-zA-Z0-9._-], not "." or "..".
   */
  'name'?: (string);
  /**
   * The number of partitions; 0 (not sent) or -1 = the cluster default.
   */
  'numPartitions'?: (number);
  /**
   * The number of replicas per partition; 0 (not sent) or -1 = the cluster default. Must not
   * exceed the number of unfenced brokers.
   */
  'replicationFactor'?: (number);
  /**
   * Topic configs overriding the cluster defaults, by Kafka's names where Kafka has the same
   * setting (retention.ms, segment.bytes, min.insync.replicas, cleanup.policy, ...). An unknown
   * key or bad value is INVALID_CONFIG.
   */
  'configs'?: ({[key: string]: string});
}

/**
 * One topic to create.
 */
export interface CreatableTopic__Output {
  /**
   * The topic's name: 1 to 249 characters from [a-zA-Z0-9._-], not "." or "..".
   */
  'name': (string);
  /**
   * The number of partitions; 0 (not sent) or -1 = the cluster default.
   */
  'numPartitions': (number);
  /**
   * The number of replicas per partition; 0 (not sent) or -1 = the cluster default. Must not
   * exceed the number of unfenced brokers.
   */
  'replicationFactor': (number);
  /**
   * Topic configs overriding the cluster defaults, by Kafka's names where Kafka has the same
   * setting (retention.ms, segment.bytes, min.insync.replicas, cleanup.policy, ...). An unknown
   * key or bad value is INVALID_CONFIG.
   */
  'configs': ({[key: string]: string});
}
