// The cluster's health, one rule for `brook cluster health` and `brook cluster start`: healthy
// when every expected node answers on its client listener, the metadata quorum has a leader,
// every expected broker is registered and unfenced, and no partition is without a leader. The
// facts are gathered first (each one may fail on its own: a cluster half up still gets a useful
// report), then judged by a pure function the unit tests check case by case.
import { describeFailure } from '../cli-error.js';
import type { BrookSession } from '../session.js';

/** A node the cluster must have (from cluster.json; else every broker it lists). */
export interface ExpectedNode {
  nodeId: number;
  address: string;
}

export interface NodeHealth extends ExpectedNode {
  answered: boolean;
  error?: string | undefined;
}

type Fact<T> = T | { error: string };

export interface HealthSnapshot {
  nodes: NodeHealth[];
  quorum: Fact<{ leaderId: number; leaderEpoch: number }>;
  /** Every registered broker, fenced ones included. */
  brokers: Fact<Array<{ nodeId: number; fenced: boolean }>>;
  /** Brokers that must be registered; empty when only the registered ones are known. */
  expectedBrokerIds: number[];
  partitions: Fact<{ total: number; leaderless: string[] }>;
}

export interface HealthReport {
  healthy: boolean;
  problems: string[];
  snapshot: HealthSnapshot;
}

function failed<T extends object>(fact: Fact<T>): fact is { error: string } {
  return 'error' in fact;
}

function nodeProblems(nodes: readonly NodeHealth[]): string[] {
  return nodes.filter((node) => !node.answered).map((node) => `node ${node.nodeId} (${node.address}) does not answer: ${node.error ?? 'no answer'}`);
}

function quorumProblems(quorum: HealthSnapshot['quorum']): string[] {
  if (failed(quorum)) return [`the metadata quorum cannot be described: ${quorum.error}`];
  return quorum.leaderId < 0 ? ['the metadata quorum has no leader'] : [];
}

function brokerProblems(brokers: HealthSnapshot['brokers'], expectedIds: readonly number[]): string[] {
  if (failed(brokers)) return [`the brokers cannot be listed: ${brokers.error}`];
  const registered = new Set(brokers.map((broker) => broker.nodeId));
  const missing = expectedIds.filter((id) => !registered.has(id)).map((id) => `broker ${id} is not registered`);
  const fenced = brokers.filter((broker) => broker.fenced).map((broker) => `broker ${broker.nodeId} is fenced`);
  const none = brokers.length === 0 && expectedIds.length === 0 ? ['no broker is registered'] : [];
  return [...missing, ...fenced, ...none];
}

function partitionProblems(partitions: HealthSnapshot['partitions']): string[] {
  if (failed(partitions)) return [`the partitions cannot be described: ${partitions.error}`];
  const { leaderless } = partitions;
  if (leaderless.length === 0) return [];
  const shown = leaderless.slice(0, 10).join(', ') + (leaderless.length > 10 ? `, ... (${leaderless.length - 10} more)` : '');
  return [`${leaderless.length} partition${leaderless.length === 1 ? ' has' : 's have'} no leader: ${shown}`];
}

/** The health rule. */
export function evaluateHealth(snapshot: HealthSnapshot): HealthReport {
  const problems = [
    ...nodeProblems(snapshot.nodes),
    ...quorumProblems(snapshot.quorum),
    ...brokerProblems(snapshot.brokers, snapshot.expectedBrokerIds),
    ...partitionProblems(snapshot.partitions),
  ];
  return { healthy: problems.length === 0, problems, snapshot };
}

/** One line: `healthy: ...` with what was checked, or `unhealthy: problem; problem`. */
export function healthLine(report: HealthReport): string {
  if (!report.healthy) return `unhealthy: ${report.problems.join('; ')}`;
  const { nodes, quorum, brokers, partitions } = report.snapshot;
  const parts = [`${nodes.length}/${nodes.length} nodes answer`];
  if (!failed(quorum)) parts.push(`quorum leader ${quorum.leaderId} (epoch ${quorum.leaderEpoch})`);
  if (!failed(brokers)) parts.push(`${brokers.length} broker${brokers.length === 1 ? '' : 's'} unfenced`);
  if (!failed(partitions)) parts.push(`${partitions.total} partition${partitions.total === 1 ? '' : 's'} led`);
  return `healthy: ${parts.join(', ')}`;
}

function message(error: unknown): string {
  const failure = describeFailure(error);
  return `${failure.code}: ${failure.message}`;
}

async function fact<T>(ask: () => Promise<T>): Promise<Fact<T>> {
  try {
    return await ask();
  } catch (error) {
    return { error: message(error) };
  }
}

async function describePartitions(session: BrookSession): Promise<{ total: number; leaderless: string[] }> {
  const names = await session.listTopics();
  const topics = names.length === 0 ? [] : await session.describeTopics(names, { offsets: false });
  const partitions = topics.flatMap((topic) => topic.partitions.map((p) => ({ name: `${topic.name}-${p.partition}`, leaderId: p.leaderId })));
  return { total: partitions.length, leaderless: partitions.filter((p) => p.leaderId < 0).map((p) => p.name) };
}

/**
 * Gathers the facts and judges them. `expected` is the cluster.json's nodes; null means the
 * brokers the cluster lists are the nodes to ask.
 */
export async function checkHealth(session: BrookSession, expected: ExpectedNode[] | null, probeTimeoutMs: number): Promise<HealthReport> {
  const [cluster, quorum, partitions] = await Promise.all([
    fact(() => session.describeCluster({ includeFenced: true })),
    fact(() => session.describeQuorum()),
    fact(() => describePartitions(session)),
  ]);
  const listed = failed(cluster) ? [] : cluster.brokers.map((b) => ({ nodeId: b.nodeId, address: `${b.host}:${b.port}` }));
  const nodes = await Promise.all(
    (expected ?? listed).map(async (node): Promise<NodeHealth> => {
      const probe = await session.probeNode(node.address, probeTimeoutMs);
      return probe.answered ? { ...node, answered: true } : { ...node, answered: false, error: probe.error };
    }),
  );
  return evaluateHealth({
    nodes,
    quorum: failed(quorum) ? quorum : { leaderId: quorum.leaderId, leaderEpoch: quorum.leaderEpoch },
    brokers: failed(cluster) ? cluster : cluster.brokers.map((b) => ({ nodeId: b.nodeId, fenced: b.fenced === true })),
    expectedBrokerIds: (expected ?? []).map((node) => node.nodeId),
    partitions,
  });
}
