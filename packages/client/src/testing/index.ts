// Test helpers of @brook/client (exported as @brook/client/testing): an in-process fake Brook
// cluster that speaks the real gRPC contract, for tests of code built on the SDK.
export { FakeBrookCluster, type FakeBroker, type FakeClusterOptions, type FakeTopic, type RecordedCall } from './fake-cluster.js';
export { FakePartitionLog, type FakeRecord } from './fake-partition-log.js';
export type { FakeRpc } from './fake-faults.js';
