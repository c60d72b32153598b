// Test and simulation helpers for @brook/raft (exported as @brook/raft/testing).
export { runSimulation, SimulationFailure } from './simulation.js';
export type { SimulationOptions, SimulationResult } from './simulation.js';
export { SimCluster, SimNode, persistReady } from './cluster.js';
export type { ClusterOptions, ClusterListener, NodeTuning } from './cluster.js';
export { SimNetwork } from './network.js';
export type { NetworkFaults } from './network.js';
export { InvariantChecker, InvariantViolation } from './invariants.js';
export { HashChainApplication, bytesHash, entryHash } from './application.js';
export type { ApplicationFactory, ReplicatedApplication } from './application.js';
export { runTranscript } from './transcript.js';
export { formatEntry, formatMessage } from './transcript-format.js';
export { Nemesis } from './nemesis.js';
