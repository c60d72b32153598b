// The cluster-shape keys of the config: which roles this node runs, and who the metadata
// quorum's voters are (Kafka's process.roles and controller.quorum.voters). Parsed once here, so
// the composition root gets typed values and a bad value fails at start with the key's name.
import { parseAddress } from './address.js';
import type { ServerConfig } from './config-schema.js';

export type NodeRole = 'broker' | 'controller';

export interface ClusterShape {
  readonly roles: ReadonlySet<NodeRole>;
  /** Voter id -> its internal listener "host:port", in id order; null = this node alone. */
  readonly voters: ReadonlyMap<number, string> | null;
}

export class ClusterConfigError extends Error {
  override name = 'ClusterConfigError';
}

/** "broker,controller" -> the set; each role at most once, at least one. */
export function parseRoles(text: string): ReadonlySet<NodeRole> {
  const roles = new Set<NodeRole>();
  for (const part of text.split(',').map((p) => p.trim())) {
    if (part !== 'broker' && part !== 'controller') throw new ClusterConfigError(`roles: "${part}" is not broker or controller`);
    if (roles.has(part)) throw new ClusterConfigError(`roles: "${part}" is named twice`);
    roles.add(part);
  }
  return roles;
}

/** "1@host:9093,2@host:9193" -> Map(1 => "host:9093", ...); ids unique, ports 1-65535. */
export function parseControllers(text: string): ReadonlyMap<number, string> {
  const voters = new Map<number, string>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const match = /^(\d{1,10})@(.+)$/.exec(part);
    if (match === null) throw new ClusterConfigError(`controllers: "${part}" is not id@host:port`);
    const id = Number(match[1]);
    if (!Number.isSafeInteger(id) || id > 0x7fffffff) throw new ClusterConfigError(`controllers: id ${match[1]} is outside [0, 2147483647]`);
    if (voters.has(id)) throw new ClusterConfigError(`controllers: id ${id} is named twice`);
    try {
      parseAddress(match[2] ?? '', 1);
    } catch (error) {
      throw new ClusterConfigError(`controllers: ${(error as Error).message}`);
    }
    voters.set(id, match[2] ?? '');
  }
  return new Map([...voters].sort(([a], [b]) => a - b));
}

/**
 * Roles and voters with the rules between them: a controller must be one of the voters; a
 * broker-only node needs the voters' addresses; more than one voter needs a shared cluster id.
 */
export function clusterShape(config: Pick<ServerConfig, 'roles' | 'controllers' | 'nodeId' | 'clusterId'>): ClusterShape {
  const roles = parseRoles(config.roles);
  const voters = config.controllers === null ? null : parseControllers(config.controllers);
  if (voters === null) {
    if (!roles.has('controller')) throw new ClusterConfigError('a node without the controller role needs --controllers (the metadata quorum to follow)');
    return { roles, voters };
  }
  if (roles.has('controller') && !voters.has(config.nodeId)) {
    throw new ClusterConfigError(`node ${config.nodeId} runs the controller role but is not among the voters in --controllers`);
  }
  if (!roles.has('controller') && voters.has(config.nodeId)) {
    throw new ClusterConfigError(`node ${config.nodeId} is a voter in --controllers but does not run the controller role`);
  }
  if (voters.size > 1 && config.clusterId === null) {
    throw new ClusterConfigError('a quorum of more than one controller needs --cluster-id, the same on every node (brook cluster start makes one)');
  }
  return { roles, voters };
}
