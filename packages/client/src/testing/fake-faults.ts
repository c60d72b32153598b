// Faults a test asks the fake cluster to inject: the next N calls of an RPC (optionally for one
// partition) fail with a given error code, either inside the response (per partition, as a
// broker reports a moved leader) or as the whole call's gRPC status.
import type { ErrorCodeName } from '@brook/protocol';

export type FakeRpc =
  | 'Produce'
  | 'Fetch'
  | 'ListOffsets'
  | 'Metadata'
  | 'CreateTopics'
  | 'DeleteTopics'
  | 'IncrementalAlterConfigs'
  | 'DescribeConfigs'
  | 'DescribeCluster'
  | 'DescribeQuorum'
  | 'InitProducerId';

export interface FaultRule {
  readonly method: FakeRpc;
  readonly code: ErrorCodeName;
  /** 'partition': an errorCode in the response; 'request': the call fails with a gRPC status. */
  readonly level: 'partition' | 'request';
  readonly topic?: string;
  readonly partition?: number;
  /** How many more times the fault fires. */
  remaining: number;
}

export class FaultPlan {
  private readonly rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push(rule);
  }

  /** Consumes and returns the first matching fault, if any. */
  take(method: FakeRpc, level: FaultRule['level'], topic?: string, partition?: number): ErrorCodeName | undefined {
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        r.method === method &&
        r.level === level &&
        (r.topic === undefined || r.topic === topic) &&
        (r.partition === undefined || r.partition === partition),
    );
    if (rule === undefined) return undefined;
    rule.remaining--;
    return rule.code;
  }
}
