// The black-box test harness (test/harness/README.md): start, stop, kill and restart real broker
// processes from the built dist/, alone (startBroker) or as a multi-node cluster (startCluster).
export { startBroker, stopAllBrokers, type BrokerProcess, type ExitStatus, type StartBrokerOptions } from './broker-process.js';
export { BrookCluster, TEST_CLUSTER_TIMEOUTS, errorName, startCluster, stopAllClusters, type ActiveController, type ClusterTimeouts, type StartClusterOptions } from './cluster.js';
export { ClusterNode, PortInUseError } from './cluster-node.js';
export { reservePorts } from './ports.js';
export { RPC_TIMEOUT_MS, rpc, type RpcMethod, type RpcRequest, type RpcResponse } from './rpc.js';
export { WaitTimeoutError, sleep, waitFor, type WaitForOptions } from './wait-for.js';
