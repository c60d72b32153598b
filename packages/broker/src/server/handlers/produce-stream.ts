// ProduceStream: Produce requests on one long-lived stream (proto/brook/v1/client.proto), run
// exactly as unary Produce runs them (correlated-stream.ts).
import type { ProduceStreamRequest__Output, ProduceStreamResponse } from '@brook/protocol';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { HandlerContext } from '../handler-context.js';
import { correlatedStreamHandler } from './correlated-stream.js';
import { produce } from './produce.js';

export function produceStreamHandler(context: HandlerContext): (call: ServerDuplexStream<ProduceStreamRequest__Output, ProduceStreamResponse>) => void {
  return correlatedStreamHandler('Produce', context, (request) => produce(context, request));
}
