// The one ErrorCode table (ARCHITECTURE.md, "Errors, limits"). Every error Brook puts on the wire
// is a row here: its name, its number (Kafka's number where Kafka has the same error, so a
// Kafka-protocol listener can later answer with the same codes), whether a client may retry it,
// a short description, and the gRPC status a request-level failure carries.
//
// Numbers and retriable flags were checked against Kafka's
// clients/src/main/java/org/apache/kafka/common/protocol/Errors.java; `retriable` is true exactly
// when Kafka's exception class extends RetriableException (directly or through
// InvalidMetadataException). Brook-only codes start at BROOK_ERROR_CODE_MIN, far above Kafka's
// range (which grows by one per release), so the two never collide.
//
// gRPC status scheme: the status describes the kind of failure for generic gRPC tooling
// (grpcurl, proxies, logs); it never decides retries, the table's `retriable` flag does, because
// it travels with the code in the trailing metadata. The kinds:
//   UNAVAILABLE          the cluster is moving (leadership, controller, ISR, coordinator, disk):
//                        refresh metadata and retry, possibly on another broker
//   DEADLINE_EXCEEDED    the operation did not finish in time (it may still take effect)
//   NOT_FOUND            the named topic, partition, group or member does not exist (here)
//   ALREADY_EXISTS       the thing to create exists
//   OUT_OF_RANGE         an offset outside the log
//   INVALID_ARGUMENT     the request or a batch in it is malformed or breaks a rule
//   RESOURCE_EXHAUSTED   a size limit or quota was exceeded
//   FAILED_PRECONDITION  the sender's epoch, generation, sequence or assumption is stale or
//                        refused (fencing): fix the state, then try again
//   UNIMPLEMENTED        a version, format, codec or assignor this server does not support
//   CANCELLED            the call was cancelled
//   INTERNAL             a server bug or an error the server did not classify
import { status as GrpcStatus } from '@grpc/grpc-js';

/** One row of the table. */
export interface ErrorCodeDefinition {
  /** The numeric code on the wire (`error_code` fields and `brook-error-code` metadata). */
  readonly code: number;
  /** True when the same request may succeed if sent again (after a metadata refresh). */
  readonly retriable: boolean;
  /** The gRPC status a request-level failure with this code carries. */
  readonly grpcStatus: GrpcStatus;
  /** What the error means, in one sentence. */
  readonly description: string;
}

/** Brook-only codes are numbered from here, clear of Kafka's range. */
export const BROOK_ERROR_CODE_MIN = 10_000;

function row(code: number, retriable: boolean, grpcStatus: GrpcStatus, description: string): ErrorCodeDefinition {
  return { code, retriable, grpcStatus, description };
}

const S = GrpcStatus;

export const ERROR_CODES = {
  UNKNOWN_SERVER_ERROR: row(-1, false, S.INTERNAL, 'The server experienced an unexpected error when processing the request.'),
  NONE: row(0, false, S.OK, 'No error: the operation succeeded.'),
  OFFSET_OUT_OF_RANGE: row(1, false, S.OUT_OF_RANGE, 'The requested offset is not within the range of offsets the server holds.'),
  CORRUPT_MESSAGE: row(2, true, S.INVALID_ARGUMENT, 'A batch failed its CRC check, has a bad header or size, or is otherwise corrupt.'),
  UNKNOWN_TOPIC_OR_PARTITION: row(3, true, S.NOT_FOUND, 'This server does not host this topic-partition.'),
  INVALID_FETCH_SIZE: row(4, false, S.INVALID_ARGUMENT, 'The requested fetch size is invalid.'),
  LEADER_NOT_AVAILABLE: row(5, true, S.UNAVAILABLE, 'The partition has no leader at the moment (an election is under way).'),
  NOT_LEADER_OR_FOLLOWER: row(6, true, S.UNAVAILABLE, 'This broker is not the leader (or not a replica) of the partition.'),
  REQUEST_TIMED_OUT: row(7, true, S.DEADLINE_EXCEEDED, 'The request timed out; it may still take effect.'),
  BROKER_NOT_AVAILABLE: row(8, false, S.UNAVAILABLE, 'The broker is not available.'),
  REPLICA_NOT_AVAILABLE: row(9, true, S.UNAVAILABLE, 'The replica is not available for the requested topic-partition.'),
  MESSAGE_TOO_LARGE: row(10, false, S.RESOURCE_EXHAUSTED, 'A batch is larger than the largest message the server accepts.'),
  NETWORK_EXCEPTION: row(13, true, S.UNAVAILABLE, 'The connection failed or closed before a response was received.'),
  COORDINATOR_LOAD_IN_PROGRESS: row(14, true, S.UNAVAILABLE, 'The coordinator is loading and cannot serve requests yet.'),
  COORDINATOR_NOT_AVAILABLE: row(15, true, S.UNAVAILABLE, 'The coordinator is not available.'),
  NOT_COORDINATOR: row(16, true, S.UNAVAILABLE, 'This is not the correct coordinator.'),
  INVALID_TOPIC_EXCEPTION: row(17, false, S.INVALID_ARGUMENT, 'The topic name is invalid, or the operation is not allowed on this topic.'),
  RECORD_LIST_TOO_LARGE: row(18, false, S.RESOURCE_EXHAUSTED, 'A batch is larger than the configured segment size.'),
  NOT_ENOUGH_REPLICAS: row(19, true, S.UNAVAILABLE, 'Rejected before appending: fewer in-sync replicas than min.insync.replicas.'),
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: row(20, true, S.UNAVAILABLE, 'Appended, but the in-sync replicas fell below min.insync.replicas before it committed.'),
  INVALID_REQUIRED_ACKS: row(21, false, S.INVALID_ARGUMENT, 'acks must be 0, 1 or -1 (all).'),
  ILLEGAL_GENERATION: row(22, false, S.FAILED_PRECONDITION, 'The group generation in the request is not the current one.'),
  UNKNOWN_MEMBER_ID: row(25, false, S.NOT_FOUND, 'The coordinator does not know this group member.'),
  REBALANCE_IN_PROGRESS: row(27, false, S.FAILED_PRECONDITION, 'The group is rebalancing; the member must rejoin.'),
  INVALID_TIMESTAMP: row(32, false, S.INVALID_ARGUMENT, 'A timestamp is out of the acceptable range.'),
  UNSUPPORTED_VERSION: row(35, false, S.UNIMPLEMENTED, 'The server does not support this RPC or version.'),
  TOPIC_ALREADY_EXISTS: row(36, false, S.ALREADY_EXISTS, 'A topic with this name already exists.'),
  INVALID_PARTITIONS: row(37, false, S.INVALID_ARGUMENT, 'The number of partitions is invalid (below 1 or above the limit).'),
  INVALID_REPLICATION_FACTOR: row(38, false, S.INVALID_ARGUMENT, 'The replication factor is below 1 or larger than the number of available brokers.'),
  INVALID_CONFIG: row(40, false, S.INVALID_ARGUMENT, 'A configuration key is unknown or its value is invalid.'),
  NOT_CONTROLLER: row(41, true, S.UNAVAILABLE, 'This node is not the active controller.'),
  INVALID_REQUEST: row(42, false, S.INVALID_ARGUMENT, 'The request is malformed or breaks a protocol limit.'),
  UNSUPPORTED_FOR_MESSAGE_FORMAT: row(43, false, S.UNIMPLEMENTED, 'The batch format (magic) is not supported; Brook accepts RecordBatch v2 only.'),
  POLICY_VIOLATION: row(44, false, S.FAILED_PRECONDITION, 'The request does not satisfy the configured policy.'),
  OUT_OF_ORDER_SEQUENCE_NUMBER: row(45, false, S.FAILED_PRECONDITION, 'The batch sequence is not the next one expected for this producer and partition.'),
  DUPLICATE_SEQUENCE_NUMBER: row(46, false, S.FAILED_PRECONDITION, 'The batch sequence duplicates one already written.'),
  INVALID_PRODUCER_EPOCH: row(47, false, S.FAILED_PRECONDITION, 'The producer epoch is older than the current one: the producer is fenced.'),
  KAFKA_STORAGE_ERROR: row(56, true, S.UNAVAILABLE, 'A disk error on the broker when accessing the log.'),
  UNKNOWN_PRODUCER_ID: row(59, false, S.FAILED_PRECONDITION, 'The broker has no state for this producer id (its records may have been deleted).'),
  GROUP_ID_NOT_FOUND: row(69, false, S.NOT_FOUND, 'The group id does not exist.'),
  FENCED_LEADER_EPOCH: row(74, true, S.FAILED_PRECONDITION, 'The leader epoch in the request is older than the broker\'s.'),
  UNKNOWN_LEADER_EPOCH: row(75, true, S.FAILED_PRECONDITION, 'The leader epoch in the request is newer than the broker\'s.'),
  UNSUPPORTED_COMPRESSION_TYPE: row(76, false, S.UNIMPLEMENTED, 'The compression codec of the batch is not supported.'),
  STALE_BROKER_EPOCH: row(77, false, S.FAILED_PRECONDITION, 'The broker epoch in the request is not the broker\'s current registration.'),
  OFFSET_NOT_AVAILABLE: row(78, true, S.UNAVAILABLE, 'The new leader\'s high watermark has not caught up yet, so offsets cannot be served.'),
  PREFERRED_LEADER_NOT_AVAILABLE: row(80, true, S.UNAVAILABLE, 'The preferred leader is not available.'),
  FENCED_INSTANCE_ID: row(82, false, S.FAILED_PRECONDITION, 'Another member registered with this static group instance id.'),
  ELIGIBLE_LEADERS_NOT_AVAILABLE: row(83, true, S.UNAVAILABLE, 'No eligible leader (in-sync replica) is available for the partition.'),
  ELECTION_NOT_NEEDED: row(84, true, S.FAILED_PRECONDITION, 'Leader election is not needed for the partition.'),
  INVALID_RECORD: row(87, false, S.INVALID_ARGUMENT, 'A record failed validation on the broker and the batch was rejected.'),
  THROTTLING_QUOTA_EXCEEDED: row(89, true, S.RESOURCE_EXHAUSTED, 'A throttling quota was exceeded.'),
  PRODUCER_FENCED: row(90, false, S.FAILED_PRECONDITION, 'A producer with the same id and a newer epoch exists; this one is fenced.'),
  INVALID_UPDATE_VERSION: row(95, false, S.FAILED_PRECONDITION, 'The partition epoch of an ISR change is stale.'),
  UNKNOWN_TOPIC_ID: row(100, true, S.NOT_FOUND, 'This server does not host this topic id.'),
  DUPLICATE_BROKER_REGISTRATION: row(101, false, S.ALREADY_EXISTS, 'A broker with this id and a different incarnation is still registered and alive.'),
  BROKER_ID_NOT_REGISTERED: row(102, false, S.FAILED_PRECONDITION, 'The broker id is not registered with the controller.'),
  INCONSISTENT_CLUSTER_ID: row(104, false, S.FAILED_PRECONDITION, 'The request names another cluster than this node belongs to.'),
  INELIGIBLE_REPLICA: row(107, false, S.FAILED_PRECONDITION, 'The proposed ISR contains at least one ineligible replica.'),
  NEW_LEADER_ELECTED: row(108, false, S.FAILED_PRECONDITION, 'The ISR change was applied but the partition has a new leader.'),
  FENCED_MEMBER_EPOCH: row(110, false, S.FAILED_PRECONDITION, 'The member epoch is fenced: the member must give up its partitions and rejoin.'),
  UNRELEASED_INSTANCE_ID: row(111, false, S.FAILED_PRECONDITION, 'The static instance id is still used by another member, which must leave first.'),
  UNSUPPORTED_ASSIGNOR: row(112, false, S.UNIMPLEMENTED, 'The requested assignor is not supported by the group.'),
  STALE_MEMBER_EPOCH: row(113, false, S.FAILED_PRECONDITION, 'The member epoch is stale: retry with the epoch from the latest heartbeat.'),

  // Brook-only codes. They exist for failures that gRPC reports and Kafka has no code for.
  // A gRPC message (request or response) larger than the receiver's max message length. Not
  // Kafka's MESSAGE_TOO_LARGE: that is about one batch against message.max.bytes, this is the
  // whole RPC against the transport limit (split the request, or fetch fewer bytes).
  RPC_MESSAGE_TOO_LARGE: row(10_001, false, S.RESOURCE_EXHAUSTED, 'A gRPC request or response exceeded the receiver\'s maximum message size.'),
  // The call was cancelled before it completed. Retriable because a caller that cancelled on
  // purpose stops anyway, while a cancel it did not ask for comes from the server side (a broker
  // shutting down) and the request may well succeed elsewhere.
  REQUEST_CANCELLED: row(10_002, true, S.CANCELLED, 'The call was cancelled before it completed; it may or may not have taken effect.'),
} as const satisfies Record<string, ErrorCodeDefinition>;

/** The name of an error in the table, e.g. 'NOT_LEADER_OR_FOLLOWER'. */
export type ErrorCodeName = keyof typeof ERROR_CODES;

/** Every name in the table, in table order. */
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as readonly ErrorCodeName[];

const namesByNumber = new Map<number, ErrorCodeName>(ERROR_CODE_NAMES.map((name) => [ERROR_CODES[name].code, name]));

/** The name for a numeric code from the wire, or undefined when this table does not know it. */
export function errorCodeByNumber(code: number): ErrorCodeName | undefined {
  return namesByNumber.get(code);
}

/** The name, when `name` is one (e.g. from `brook-error-name` metadata); else undefined. */
export function errorCodeByName(name: string): ErrorCodeName | undefined {
  return Object.hasOwn(ERROR_CODES, name) ? (name as ErrorCodeName) : undefined;
}

/** The numeric code of a name. */
export function errorCodeNumber(name: ErrorCodeName): number {
  return ERROR_CODES[name].code;
}

/** The table row of a name. */
export function errorCodeDefinition(name: ErrorCodeName): ErrorCodeDefinition {
  return ERROR_CODES[name];
}
