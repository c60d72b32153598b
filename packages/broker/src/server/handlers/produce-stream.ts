// ProduceStream: Produce requests on one long-lived stream (proto/brook/v1/client.proto). Each
// request is started as it arrives, in arrival order, exactly as a unary Produce would run it,
// and answered with its correlation id once done: answers go out in completion order. A failure
// of the whole request is answered in the message (error_code), never by ending the stream. The
// stream ends when the producer closes its side or the broker shuts down, after every request
// already received is answered.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { errorCodeNumber, isBrookError, truncateErrorMessage } from '@brook/protocol';
import type { ProduceStreamRequest__Output, ProduceStreamResponse } from '@brook/protocol';
import type { HandlerContext } from '../handler-context.js';
import { produce } from './produce.js';

type ProduceStreamCall = ServerDuplexStream<ProduceStreamRequest__Output, ProduceStreamResponse>;

export function produceStreamHandler(context: HandlerContext): (call: ProduceStreamCall) => void {
  const log = context.logger.child({ component: 'rpc', method: 'ProduceStream' });
  return (call) => {
    const pending = new Set<Promise<void>>();
    let ending = false;
    const answer = (response: ProduceStreamResponse): void => {
      if (!call.cancelled && !call.destroyed && !call.writableEnded) call.write(response);
    };
    call.on('data', (message: ProduceStreamRequest__Output) => {
      const correlationId = message.correlationId;
      if (message.request === null) {
        answer({ correlationId, errorCode: errorCodeNumber('INVALID_REQUEST'), errorMessage: 'a ProduceStream message without a request' });
        return;
      }
      const done = context.metrics.startRpc('Produce');
      const work = produce(context, message.request).then(
        (response) => {
          done('NONE');
          answer({ correlationId, response });
        },
        (error: unknown) => {
          const code = isBrookError(error) ? error.code : 'UNKNOWN_SERVER_ERROR';
          done(code);
          if (code === 'UNKNOWN_SERVER_ERROR') log.error({ err: error }, 'request failed');
          answer({ correlationId, errorCode: errorCodeNumber(code), errorMessage: truncateErrorMessage(error instanceof Error ? error.message : String(error)) });
        },
      );
      const tracked = work.finally(() => pending.delete(tracked));
      pending.add(tracked);
    });
    const finish = (): void => {
      if (ending) return;
      ending = true;
      void Promise.all(pending).then(() => {
        if (!call.cancelled && !call.destroyed && !call.writableEnded) call.end();
      });
    };
    call.once('end', finish);
    const onShutdown = (): void => finish();
    if (context.shutdown.aborted) finish();
    else context.shutdown.addEventListener('abort', onShutdown, { once: true });
    const forget = (): void => context.shutdown.removeEventListener('abort', onShutdown);
    call.once('close', forget);
    call.once('cancelled', forget);
    call.on('error', (error: unknown) => log.debug({ err: error }, 'produce stream failed'));
  };
}
