// The metadata records: the only things the controller writes to the metadata log, and the only
// inputs of replay(). Their shapes follow KIP-631's record list (RegisterBrokerRecord,
// FenceBrokerRecord, TopicRecord, PartitionRecord, PartitionChangeRecord, ...), with the
// KIP-841 `inControlledShutdown` field on BrokerRegistrationChange.
//
// Offsets. A Raft entry carries one batch of records: exactly the `records` of one
// ControllerResult, applied atomically. The batch's offset is the Raft entry index and every
// record in it is replayed with that offset. A broker's epoch is the offset of the batch holding
// its RegisterBroker record (KIP-631: "the broker epoch is the offset of the registration
// record").
//
// Reserved for the consumer-groups issue (KIP-848 record family, not implemented here):
// 'GroupMember', 'GroupEpoch', 'TargetAssignment', 'OffsetCommit'. Their type names are listed
// in RESERVED_RECORD_TYPES so nobody reuses them; replay() rejects them until that issue adds
// their shapes and replay rules.

/** Hex of a 16-byte topic id (32 lowercase hex characters), like Kafka's Uuid. */
export type TopicId = string;
export type BrokerId = number;

/** Kafka's NO_LEADER: a partition whose ISR has no live member. */
export const NO_LEADER = -1;

export interface Listener {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

export interface RegisterBrokerRecord {
  readonly type: 'RegisterBroker';
  readonly version: 0;
  readonly brokerId: BrokerId;
  /** A fresh id per broker process start (KIP-631); hex. */
  readonly incarnationId: string;
  readonly listeners: readonly Listener[];
  readonly rack: string | null;
  // No epoch field: the epoch is the offset the record is replayed at.
}

export interface UnregisterBrokerRecord {
  readonly type: 'UnregisterBroker';
  readonly version: 0;
  readonly brokerId: BrokerId;
  readonly brokerEpoch: number;
}

export interface FenceBrokerRecord {
  readonly type: 'FenceBroker';
  readonly version: 0;
  readonly brokerId: BrokerId;
  readonly brokerEpoch: number;
}

export interface UnfenceBrokerRecord {
  readonly type: 'UnfenceBroker';
  readonly version: 0;
  readonly brokerId: BrokerId;
  readonly brokerEpoch: number;
}

/** KIP-841: a partial change of a registration; absent fields are unchanged. */
export interface BrokerRegistrationChangeRecord {
  readonly type: 'BrokerRegistrationChange';
  readonly version: 0;
  readonly brokerId: BrokerId;
  readonly brokerEpoch: number;
  readonly fenced?: boolean;
  readonly inControlledShutdown?: boolean;
}

export interface TopicRecord {
  readonly type: 'Topic';
  readonly version: 0;
  readonly name: string;
  readonly topicId: TopicId;
}

export interface PartitionRecord {
  readonly type: 'Partition';
  readonly version: 0;
  readonly topicId: TopicId;
  readonly partition: number;
  readonly replicas: readonly BrokerId[];
  readonly isr: readonly BrokerId[];
  readonly leader: BrokerId;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
}

/**
 * A partial change of one partition (Kafka's PartitionChangeRecord). Absent fields are
 * unchanged. Replay bumps partitionEpoch by one for every change, and leaderEpoch by one when
 * `leader` is present and differs from the current leader (PartitionChangeBuilder's rule).
 */
export interface PartitionChangeRecord {
  readonly type: 'PartitionChange';
  readonly version: 0;
  readonly topicId: TopicId;
  readonly partition: number;
  readonly isr?: readonly BrokerId[];
  readonly leader?: BrokerId;
  readonly replicas?: readonly BrokerId[];
}

export interface RemoveTopicRecord {
  readonly type: 'RemoveTopic';
  readonly version: 0;
  readonly topicId: TopicId;
}

export interface ConfigResource {
  readonly kind: 'topic' | 'broker';
  /** Topic name, or broker id as a decimal string ('' = cluster default). */
  readonly name: string;
}

export interface ConfigRecord {
  readonly type: 'Config';
  readonly version: 0;
  readonly resource: ConfigResource;
  readonly key: string;
  /** null deletes the key (back to the default). */
  readonly value: string | null;
}

/**
 * The next block of producer ids handed to a broker (Kafka's ProducerIdsRecord, KIP-730).
 * Producer ids are int64 in Kafka; here they are safe integers (< 2^53), which holds for
 * 9e15 / 1000 blocks.
 */
export interface ProducerIdsBlockRecord {
  readonly type: 'ProducerIdsBlock';
  readonly version: 0;
  readonly brokerId: BrokerId;
  readonly brokerEpoch: number;
  readonly firstProducerId: number;
  readonly size: number;
}

export type MetadataRecord =
  | RegisterBrokerRecord
  | UnregisterBrokerRecord
  | FenceBrokerRecord
  | UnfenceBrokerRecord
  | BrokerRegistrationChangeRecord
  | TopicRecord
  | PartitionRecord
  | PartitionChangeRecord
  | RemoveTopicRecord
  | ConfigRecord
  | ProducerIdsBlockRecord;

export type MetadataRecordType = MetadataRecord['type'];

export const RECORD_TYPES: readonly MetadataRecordType[] = [
  'RegisterBroker',
  'UnregisterBroker',
  'FenceBroker',
  'UnfenceBroker',
  'BrokerRegistrationChange',
  'Topic',
  'Partition',
  'PartitionChange',
  'RemoveTopic',
  'Config',
  'ProducerIdsBlock',
];

/** Type names held for the consumer-groups issue (KIP-848); see the file comment. */
export const RESERVED_RECORD_TYPES = ['GroupMember', 'GroupEpoch', 'TargetAssignment', 'OffsetCommit'] as const;
