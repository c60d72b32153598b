// Stopping a grpc-js server the same way on every listener: stop accepting calls, let in-flight
// ones (long polls, Raft streams, replica fetches) finish for up to `graceMs`, then cancel the
// rest (tryShutdown, then forceShutdown).
import type { Server } from '@grpc/grpc-js';

export function shutDownGrpcServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
