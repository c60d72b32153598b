// Special values of wire fields, named once. They are Kafka's, so Kafka-literate readers and a
// later Kafka-protocol listener see the same numbers.

/** ProduceRequest.acks: answer before appending. */
export const ACKS_NONE = 0;
/** ProduceRequest.acks: answer after the leader's append. */
export const ACKS_LEADER = 1;
/** ProduceRequest.acks: answer once every in-sync replica has the batch (the high watermark passed it). */
export const ACKS_ALL = -1;
/** ProduceRequest.acks when the request does not send it: all, Kafka's producer default. */
export const ACKS_DEFAULT = ACKS_ALL;

/** ListOffsetsPartition.timestamp_ms: the latest offset (the high watermark). */
export const LATEST_TIMESTAMP = -1;
/** ListOffsetsPartition.timestamp_ms: the earliest offset (the log start offset). */
export const EARLIEST_TIMESTAMP = -2;
/** ListOffsetsPartition.timestamp_ms: the offset of the record with the largest timestamp (KIP-734). */
export const MAX_TIMESTAMP = -3;

/** A leader epoch that is unknown, or "do not check" in a request (KIP-320). */
export const LEADER_EPOCH_UNKNOWN = -1;
/** A node id meaning "no node" (no leader, no controller). */
export const NODE_ID_NONE = -1;
/** An offset or timestamp that is unknown or does not apply. */
export const OFFSET_UNKNOWN = -1;
