import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BrookRaftClient as _brook_v1_BrookRaftClient, BrookRaftDefinition as _brook_v1_BrookRaftDefinition } from './brook/v1/BrookRaft.js';
import type { RaftFrame as _brook_v1_RaftFrame, RaftFrame__Output as _brook_v1_RaftFrame__Output } from './brook/v1/RaftFrame.js';
import type { RaftStreamSummary as _brook_v1_RaftStreamSummary, RaftStreamSummary__Output as _brook_v1_RaftStreamSummary__Output } from './brook/v1/RaftStreamSummary.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  brook: {
    v1: {
      /**
       * The controller-to-controller Raft service (see the top of this file).
       */
      BrookRaft: SubtypeConstructor<typeof grpc.Client, _brook_v1_BrookRaftClient> & { service: _brook_v1_BrookRaftDefinition }
      RaftFrame: MessageTypeDefinition<_brook_v1_RaftFrame, _brook_v1_RaftFrame__Output>
      RaftStreamSummary: MessageTypeDefinition<_brook_v1_RaftStreamSummary, _brook_v1_RaftStreamSummary__Output>
    }
  }
}

