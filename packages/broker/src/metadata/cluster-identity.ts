// meta.json (ARCHITECTURE.md, "Storage on disk"): the cluster id, this node's id and the format
// version of the data directory, written once when the directory is first used. A directory
// formatted for another node id is refused, so two configs can never share (and corrupt) one
// node's data by mistake.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomically } from './atomic-json.js';

export const META_FILE = 'meta.json';
export const DATA_FORMAT_VERSION = 1;

export interface ClusterIdentity {
  clusterId: string;
  nodeId: number;
  formatVersion: number;
}

/** Kafka's ids: 16 random bytes in URL-safe base64, 22 characters (Uuid.toString). */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Reads meta.json, or writes it on first use with `configuredClusterId` (or a new id). A
 * directory of another cluster than the configured one is refused: joining it would mix two
 * clusters' logs (Kafka refuses such a log directory with InconsistentClusterIdException).
 */
export async function loadOrCreateIdentity(dataDir: string, nodeId: number, configuredClusterId: string | null = null): Promise<ClusterIdentity> {
  const path = join(dataDir, META_FILE);
  const existing = await readJsonIfExists(path);
  if (existing === undefined) {
    const identity = { clusterId: configuredClusterId ?? newId(), nodeId, formatVersion: DATA_FORMAT_VERSION };
    await writeJsonAtomically(path, identity);
    return identity;
  }
  const identity = existing as Partial<ClusterIdentity>;
  if (typeof identity.clusterId !== 'string' || typeof identity.nodeId !== 'number' || typeof identity.formatVersion !== 'number') {
    throw new Error(`${path} lacks clusterId, nodeId or formatVersion`);
  }
  if (identity.formatVersion !== DATA_FORMAT_VERSION) {
    throw new Error(`${path} has format version ${identity.formatVersion}; this Brook reads version ${DATA_FORMAT_VERSION}`);
  }
  if (identity.nodeId !== nodeId) {
    throw new Error(`${path} belongs to node ${identity.nodeId}, but this process is configured as node ${nodeId}; use that node's config or another data directory`);
  }
  if (configuredClusterId !== null && identity.clusterId !== configuredClusterId) {
    throw new Error(`${path} belongs to cluster ${identity.clusterId}, but this process is configured for cluster ${configuredClusterId}; use that cluster's id or another data directory`);
  }
  return { clusterId: identity.clusterId, nodeId: identity.nodeId, formatVersion: identity.formatVersion };
}
