// Test helpers of @brook/cli: an in-memory session and context to run commands without a cluster,
// and free ports for a local cluster started by `brook cluster start --base-port`.
export { MemoryCluster, memoryContext, type MemoryTopic } from './memory-session.js';
export { clusterPorts, freeClusterBasePort } from './free-ports.js';
// Alive and running Brook: a node that has exited but is not yet reaped (a zombie) counts as gone.
export { isBrookProcessAlive } from '../cluster/node-processes.js';
