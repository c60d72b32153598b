// Public API of @brook/protocol: the wire contract (proto/brook/v1) as TypeScript. The loader
// and its options, the generated message and service types, the one ErrorCode table with the
// BrookError class and the gRPC status conversions, and the limits both ends share.
export {
  BROOK_CLIENT_SERVICE_NAME,
  BROOK_PROTO_FILES,
  PROTO_LOADER_OPTIONS,
  loadBrookPackageDefinition,
  loadBrookProto,
  resolveProtoDir,
} from './loader.js';
export { brookClientServiceDefinition, createBrookClient } from './service.js';
export { bindRpcServer, createRpcServer } from './rpc-server.js';
export { BROOK_RAFT_SERVICE_NAME, brookRaftServiceDefinition, createBrookRaftClient } from './raft-service.js';
export type { BrookRaftClient, BrookRaftDefinition, BrookRaftHandlers } from './generated/brook/v1/BrookRaft.js';
export type { RaftFrame, RaftFrame__Output } from './generated/brook/v1/RaftFrame.js';
export type { RaftStreamSummary, RaftStreamSummary__Output } from './generated/brook/v1/RaftStreamSummary.js';
export {
  BROOK_ERROR_CODE_MIN,
  ERROR_CODES,
  ERROR_CODE_NAMES,
  errorCodeByName,
  errorCodeByNumber,
  errorCodeDefinition,
  errorCodeNumber,
  type ErrorCodeDefinition,
  type ErrorCodeName,
} from './error-codes.js';
export { BrookError, isBrookError, type BrookErrorOptions } from './brook-error.js';
export {
  ERROR_CODE_METADATA_KEY,
  ERROR_NAME_METADATA_KEY,
  ERROR_RETRIABLE_METADATA_KEY,
  fromServiceError,
  toServiceError,
  type BrookServiceError,
} from './service-error.js';
export {
  ERROR_MESSAGE_LENGTH_MAX,
  FETCH_MAX_BYTES_DEFAULT,
  MESSAGE_BYTES_MAX_DEFAULT,
  PARTITION_FETCH_MAX_BYTES_DEFAULT,
  REQUEST_TIMEOUT_MS_DEFAULT,
  RPC_MESSAGE_BYTES_MAX_DEFAULT,
  TOPIC_NAME_LENGTH_MAX,
  RPC_FLOW_CONTROL_WINDOW_BYTES,
  rpcClientOptions,
  rpcMessageSizeOptions,
  topicCollisionKey,
  truncateErrorMessage,
  validateTopicName,
} from './limits.js';
export {
  ACKS_ALL,
  ACKS_DEFAULT,
  ACKS_LEADER,
  ACKS_NONE,
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  LEADER_EPOCH_UNKNOWN,
  MAX_TIMESTAMP,
  NODE_ID_NONE,
  OFFSET_UNKNOWN,
} from './sentinels.js';
export * from './types.js';
export {
  BROOK_CONTROLLER_SERVICE_NAME,
  CONTROLLER_ID_METADATA_KEY,
  brookControllerServiceDefinition,
  controllerIdHint,
  createBrookControllerClient,
  notControllerError,
} from './controller-service.js';
export type { BrookControllerClient, BrookControllerDefinition, BrookControllerHandlers } from './generated/brook/v1/BrookController.js';
export { BROOK_REPLICATION_SERVICE_NAME, brookReplicationServiceDefinition, createBrookReplicationClient } from './replication-service.js';
export type { BrookReplicationClient, BrookReplicationDefinition, BrookReplicationHandlers } from './generated/brook/v1/BrookReplication.js';
