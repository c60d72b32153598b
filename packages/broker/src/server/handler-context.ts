// What every RPC handler may use, passed in once when the server is built. Handlers see metadata
// only through MetadataView and MetadataAdmin, so a Raft-fed image can replace the single-node
// store without touching them.
import type { handleUnaryCall, ServerUnaryCall } from '@grpc/grpc-js';
import { isBrookError, toServiceError } from '@brook/protocol';
import type { ServerConfig } from '../config/config-schema.js';
import type { Logger } from '../logging/logger.js';
import type { MetadataAdmin, MetadataView } from '../metadata/metadata-view.js';
import type { PartitionManager } from '../replica/partition-manager.js';
import type { BrokerMetrics } from '../admin/broker-metrics.js';
import type { ProducerIdManager } from '../cluster/producer-id-manager.js';

export interface HandlerContext {
  config: ServerConfig;
  metadata: MetadataView;
  admin: MetadataAdmin;
  partitions: PartitionManager;
  metrics: BrokerMetrics;
  logger: Logger;
  /** Milliseconds since the epoch when the process started serving. */
  startedAtMs: number;
  /** Aborted when the server begins shutting down: long polls answer at once. */
  shutdown: AbortSignal;
  /** The roles this node runs ("broker", "controller"), for DescribeCluster. */
  roles: readonly string[];
  /** Hands out producer ids for InitProducerId. */
  producerIds: Pick<ProducerIdManager, 'nextProducerId'>;
}

/**
 * Wraps an async handler as a grpc-js unary handler: times it, turns a thrown error into a gRPC
 * status (toServiceError keeps a BrookError's code; anything else is UNKNOWN_SERVER_ERROR and is
 * logged here with its stack, which never goes on the wire).
 */
export function unary<Request, Response>(
  method: string,
  context: HandlerContext,
  handle: (request: Request, call: ServerUnaryCall<Request, Response>) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  const log = context.logger.child({ component: 'rpc', method });
  return (call, callback) => {
    const done = context.metrics.startRpc(method);
    handle(call.request, call).then(
      (response) => {
        done('NONE');
        // getPeer formats the socket address: only when the line is written.
        if (log.isLevelEnabled('debug')) log.debug({ peer: call.getPeer() }, 'request served');
        callback(null, response);
      },
      (error: unknown) => {
        done(isBrookError(error) ? error.code : 'UNKNOWN_SERVER_ERROR');
        if (!isBrookError(error) || error.code === 'UNKNOWN_SERVER_ERROR') log.error({ err: error }, 'request failed');
        else log.debug({ err: error }, 'request refused');
        callback(toServiceError(error));
      },
    );
  };
}
