// A unary RPC's requests on one long-lived stream (ProduceStream, FetchStream in
// proto/brook/v1/client.proto): each message carries a correlation id and a request; each request
// is started as it arrives, in arrival order, exactly as the unary handler would run it, and
// answered with its correlation id once done, so answers go out in completion order. A failure
// of the whole request is answered in the message (error_code), never by ending the stream. The
// stream ends when the client closes its side or the broker shuts down, after every request
// already received is answered; a cancelled stream cancels its requests (long polls end).
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { errorCodeNumber, isBrookError, truncateErrorMessage } from '@brook/protocol';
import type { HandlerContext } from '../handler-context.js';

interface CorrelatedRequest<Request> {
  correlationId: string;
  request: Request | null;
}

interface CorrelatedResponse<Response> {
  correlationId: string;
  response?: Response;
  errorCode?: number;
  errorMessage?: string;
}

export function correlatedStreamHandler<Request, Response>(
  method: string,
  context: HandlerContext,
  handle: (request: Request, cancelled: AbortSignal) => Promise<Response>,
): (call: ServerDuplexStream<CorrelatedRequest<Request>, CorrelatedResponse<Response>>) => void {
  const log = context.logger.child({ component: 'rpc', method: `${method}Stream` });
  return (call) => {
    const pending = new Set<Promise<void>>();
    const cancelled = new AbortController();
    let ending = false;
    const answer = (message: CorrelatedResponse<Response>): void => {
      if (!call.cancelled && !call.destroyed && !call.writableEnded) call.write(message);
    };
    call.on('data', (message: CorrelatedRequest<Request>) => {
      const correlationId = message.correlationId;
      if (message.request === null) {
        answer({ correlationId, errorCode: errorCodeNumber('INVALID_REQUEST'), errorMessage: `a ${method}Stream message without a request` });
        return;
      }
      // Metrics and logs count each request under the unary method's name.
      const done = context.metrics.startRpc(method);
      const work = handle(message.request, cancelled.signal).then(
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
    call.once('cancelled', () => {
      forget();
      cancelled.abort();
    });
    call.on('error', (error: unknown) => log.debug({ err: error }, 'stream failed'));
  };
}
