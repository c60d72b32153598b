// Test helpers of @brook/cli: an in-memory session and context to run commands without a cluster.
export { MemoryCluster, memoryContext, type MemoryTopic } from './memory-session.js';
