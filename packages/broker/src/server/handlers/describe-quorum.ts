// DescribeQuorum: the metadata quorum's leader, term, commit offset and each voter's and
// observer's lag. Only the active controller knows every replica's progress, so the broker asks
// it (MetadataAdmin forwards) and passes the answer through.
import type { DescribeQuorumRequest__Output, DescribeQuorumResponse } from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';

export function describeQuorumHandler(context: HandlerContext) {
  return unary<DescribeQuorumRequest__Output, DescribeQuorumResponse>('DescribeQuorum', context, () => context.admin.describeQuorum());
}
