// Test helpers of @brook/broker (exported as ./testing): small clients for the two standard gRPC
// services the broker carries besides BrookClient, for tests that check a running broker the
// way generic tools (grpc-health-probe, grpcurl) would.
export { checkHealth, listServicesByReflection } from './grpc-probes.js';
export { unaryCall } from './unary-call.js';
export { startTestServer, type TestServer, type TestServerOptions } from './test-server.js';
