import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BrookReplicationClient as _brook_v1_BrookReplicationClient, BrookReplicationDefinition as _brook_v1_BrookReplicationDefinition } from './brook/v1/BrookReplication.js';
import type { EpochEndOffset as _brook_v1_EpochEndOffset, EpochEndOffset__Output as _brook_v1_EpochEndOffset__Output } from './brook/v1/EpochEndOffset.js';
import type { ReplicaFetchForgotten as _brook_v1_ReplicaFetchForgotten, ReplicaFetchForgotten__Output as _brook_v1_ReplicaFetchForgotten__Output } from './brook/v1/ReplicaFetchForgotten.js';
import type { ReplicaFetchPartition as _brook_v1_ReplicaFetchPartition, ReplicaFetchPartition__Output as _brook_v1_ReplicaFetchPartition__Output } from './brook/v1/ReplicaFetchPartition.js';
import type { ReplicaFetchPartitionResponse as _brook_v1_ReplicaFetchPartitionResponse, ReplicaFetchPartitionResponse__Output as _brook_v1_ReplicaFetchPartitionResponse__Output } from './brook/v1/ReplicaFetchPartitionResponse.js';
import type { ReplicaFetchRequest as _brook_v1_ReplicaFetchRequest, ReplicaFetchRequest__Output as _brook_v1_ReplicaFetchRequest__Output } from './brook/v1/ReplicaFetchRequest.js';
import type { ReplicaFetchResponse as _brook_v1_ReplicaFetchResponse, ReplicaFetchResponse__Output as _brook_v1_ReplicaFetchResponse__Output } from './brook/v1/ReplicaFetchResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  brook: {
    v1: {
      /**
       * The broker-to-broker data plane.
       */
      BrookReplication: SubtypeConstructor<typeof grpc.Client, _brook_v1_BrookReplicationClient> & { service: _brook_v1_BrookReplicationDefinition }
      EpochEndOffset: MessageTypeDefinition<_brook_v1_EpochEndOffset, _brook_v1_EpochEndOffset__Output>
      ReplicaFetchForgotten: MessageTypeDefinition<_brook_v1_ReplicaFetchForgotten, _brook_v1_ReplicaFetchForgotten__Output>
      ReplicaFetchPartition: MessageTypeDefinition<_brook_v1_ReplicaFetchPartition, _brook_v1_ReplicaFetchPartition__Output>
      ReplicaFetchPartitionResponse: MessageTypeDefinition<_brook_v1_ReplicaFetchPartitionResponse, _brook_v1_ReplicaFetchPartitionResponse__Output>
      ReplicaFetchRequest: MessageTypeDefinition<_brook_v1_ReplicaFetchRequest, _brook_v1_ReplicaFetchRequest__Output>
      ReplicaFetchResponse: MessageTypeDefinition<_brook_v1_ReplicaFetchResponse, _brook_v1_ReplicaFetchResponse__Output>
    }
  }
}

