// Promise form of a BrookClient unary call, for tests: resolves with the response or rejects
// with the BrookError the status carries (fromServiceError), as the SDK would see it.
import { fromServiceError, type BrookClientClient } from '@brook/protocol';
import type { ServiceError } from '@grpc/grpc-js';

type Method = 'Produce' | 'Fetch' | 'ListOffsets' | 'Metadata' | 'CreateTopics' | 'DeleteTopics' | 'IncrementalAlterConfigs' | 'DescribeConfigs' | 'DescribeCluster' | 'DescribeQuorum' | 'InitProducerId';
type RequestOf<M extends Method> = Parameters<BrookClientClient[M]>[0];
type ResponseOf<M extends Method> = Parameters<Extract<Parameters<BrookClientClient[M]>[1], (...args: never[]) => unknown>>[1];

export function unaryCall<M extends Method>(client: BrookClientClient, method: M, request: RequestOf<M>): Promise<NonNullable<ResponseOf<M>>> {
  return new Promise((resolve, reject) => {
    const invoke = client[method].bind(client) as unknown as (request: unknown, callback: (error: ServiceError | null, response: unknown) => void) => void;
    invoke(request, (error, response) => (error ? reject(fromServiceError(error)) : resolve(response as NonNullable<ResponseOf<M>>)));
  });
}
