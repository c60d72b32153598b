// Test helpers of @brook/cli: an in-memory session and context to run commands without a cluster,
// and free ports for a local cluster started by `brook cluster start --base-port`.
export { MemoryCluster, memoryContext, type MemoryTopic } from './memory-session.js';
export { clusterPorts, freeClusterBasePort } from './free-ports.js';
