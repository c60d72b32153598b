// Error names returned by handlers. They are the names of the protocol ErrorCode table
// (packages/protocol); the broker maps a name to its numeric code and gRPC status, so this pure
// package does not import protocol (ARCHITECTURE.md dependency rule).

// Every name here is in the protocol table (a broker test checks it), with Kafka's numbers:
// DUPLICATE_BROKER_REGISTRATION 101, BROKER_ID_NOT_REGISTERED 102, INVALID_UPDATE_VERSION 95.
// NOT_CONTROLLER is the driver's answer when its node is not the active controller.
// CONTROLLER_ERROR_CODES lists every name so the broker can test that its mapping is total.
export const CONTROLLER_ERROR_CODES = [
  'TOPIC_ALREADY_EXISTS',
  'INVALID_PARTITIONS',
  'INVALID_REPLICATION_FACTOR',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'STALE_BROKER_EPOCH',
  'BROKER_ID_NOT_REGISTERED',
  'DUPLICATE_BROKER_REGISTRATION',
  'FENCED_LEADER_EPOCH',
  'INVALID_UPDATE_VERSION',
  'INELIGIBLE_REPLICA',
  'NOT_LEADER_OR_FOLLOWER',
  'INVALID_REQUEST',
  'INVALID_CONFIG',
  'INVALID_TOPIC_EXCEPTION',
  'ELECTION_NOT_NEEDED',
  'PREFERRED_LEADER_NOT_AVAILABLE',
  'ELIGIBLE_LEADERS_NOT_AVAILABLE',
  'NOT_CONTROLLER',
] as const;

export type ControllerErrorCode = (typeof CONTROLLER_ERROR_CODES)[number];

export interface ControllerError {
  readonly code: ControllerErrorCode;
  readonly message: string;
}

export function controllerError(code: ControllerErrorCode, message: string): ControllerError {
  return { code, message };
}

/** A broken metadata invariant: a programmer error, never an operating one (STYLE.md). */
export class MetadataInvariantError extends Error {
  readonly invariant: string;

  constructor(name: string, detail: string) {
    super(`metadata invariant ${name} violated: ${detail}`);
    this.name = 'MetadataInvariantError';
    this.invariant = name;
  }
}

export function check(condition: boolean, name: string, detail: () => string): asserts condition {
  if (!condition) throw new MetadataInvariantError(name, detail());
}
