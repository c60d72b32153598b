// Original file: ../../proto/brook/v1/metadata.proto


/**
 * Ask for the brokers, the controller and the leaders and replicas of topics.
 */
export interface MetadataRequest {
  /**
   * The topics to describe; empty = every topic in the cluster. (To learn only the brokers, use
   * DescribeCluster.)
   */
  'topics'?: (string)[];
  /**
   * Whether a missing topic named in `topics` should be created with the cluster's defaults.
   * The broker's own policy decides (Kafka's auto.create.topics.enable); Brook's default policy
   * never auto-creates, so clients should send false and create topics with CreateTopics.
   */
  'allowAutoTopicCreation'?: (boolean);
}

/**
 * Ask for the brokers, the controller and the leaders and replicas of topics.
 */
export interface MetadataRequest__Output {
  /**
   * The topics to describe; empty = every topic in the cluster. (To learn only the brokers, use
   * DescribeCluster.)
   */
  'topics': (string)[];
  /**
   * Whether a missing topic named in `topics` should be created with the cluster's defaults.
   * The broker's own policy decides (Kafka's auto.create.topics.enable); Brook's default policy
   * never auto-creates, so clients should send false and create topics with CreateTopics.
   */
  'allowAutoTopicCreation': (boolean);
}
