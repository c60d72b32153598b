// The Raft driver's public surface inside @brook/broker, for the composition root (the broker's
// server start-up) to wire a controller: the driver, its storage and transport, and their types.
export { RaftDriver } from './raft-driver.js';
export type { ProposedEntry, RaftDriverOptions, RaftDriverStatus, RaftRoleChange, RaftPeerStatus, RaftTuning, SnapshotHooks } from './raft-driver.js';
export { RaftDriverError, isRaftDriverError } from './driver-errors.js';
export type { ProposalOutcome, RaftDriverErrorCode } from './driver-errors.js';
export type { ProposalPosition } from './pending-proposals.js';
export { LevelRaftStorage, RaftStorageCorruptError, mustSync } from './storage/level-raft-storage.js';
export type { DurableRaftStorage, PersistOutcome, PersistWork } from './storage/level-raft-storage.js';
export { GrpcRaftTransport } from './transport/grpc-raft-transport.js';
export type { GrpcRaftTransportOptions } from './transport/grpc-raft-transport.js';
export { LoopbackNetwork, LoopbackTransport } from './transport/loopback-transport.js';
export type { PeerTransportStatus, RaftMessageHandler, RaftTransport } from './transport/raft-transport.js';
export { RaftCodecError } from './binary.js';
export type { RaftLogger } from './logger.js';
