// Test helpers of @brook/broker (exported as ./testing): an in-process broker on port 0 with a
// temporary directory, BrookClient calls as promises, and small clients for the two standard
// gRPC services the broker carries besides BrookClient (health, reflection), for tests that
// check a running broker the way generic tools (grpc-health-probe, grpcurl) would.
export { checkHealth, listServicesByReflection } from './grpc-probes.js';
export { freeLoopbackPort } from './free-port.js';
export { unaryCall } from './unary-call.js';
export { startTestServer, type TestServer, type TestServerOptions } from './test-server.js';
