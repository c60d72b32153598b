// BrookClient unary calls as promises with a deadline, for cluster tests: a node stopped with
// SIGSTOP accepts connections but never answers, so every call here is bounded. Fails with the
// BrookError the status carries (fromServiceError), REQUEST_TIMED_OUT when the deadline passes.
import { fromServiceError, type BrookClientClient } from '@brook/protocol';

export type RpcMethod = 'Produce' | 'Fetch' | 'ListOffsets' | 'Metadata' | 'CreateTopics' | 'DeleteTopics' | 'DescribeCluster' | 'DescribeQuorum';
export type RpcRequest<M extends RpcMethod> = Parameters<BrookClientClient[M]>[0];
export type RpcResponse<M extends RpcMethod> = Parameters<Extract<Parameters<BrookClientClient[M]>[1], (...args: never[]) => unknown>>[1];

/** Default deadline of one call. */
export const RPC_TIMEOUT_MS = 5000;

export function rpc<M extends RpcMethod>(client: BrookClientClient, method: M, request: RpcRequest<M>, timeoutMs = RPC_TIMEOUT_MS): Promise<NonNullable<RpcResponse<M>>> {
  return new Promise((resolve, reject) => {
    const invoke = client[method].bind(client) as unknown as (
      request: unknown,
      options: { deadline: number },
      callback: (error: Error | null, response: unknown) => void,
    ) => void;
    invoke(request, { deadline: Date.now() + timeoutMs }, (error, response) => (error ? reject(fromServiceError(error)) : resolve(response as NonNullable<RpcResponse<M>>)));
  });
}
