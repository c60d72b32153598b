// Original file: ../../proto/brook/v1/raft.proto


/**
 * The messages one Ready of the sender produced for the receiver.
 */
export interface RaftFrame {
  /**
   * The cluster id both nodes were configured with: a node never accepts another cluster's Raft.
   */
  'clusterId'?: (string);
  /**
   * The Raft node id of the sender (every message in `messages` is from it).
   */
  'fromNodeId'?: (number);
  /**
   * The Raft node id of the receiver (every message in `messages` is to it).
   */
  'toNodeId'?: (number);
  /**
   * The Raft messages: version byte 1, a u32 count, then each message (message-codec.ts).
   */
  'messages'?: (Buffer | Uint8Array | string);
}

/**
 * The messages one Ready of the sender produced for the receiver.
 */
export interface RaftFrame__Output {
  /**
   * The cluster id both nodes were configured with: a node never accepts another cluster's Raft.
   */
  'clusterId': (string);
  /**
   * The Raft node id of the sender (every message in `messages` is from it).
   */
  'fromNodeId': (number);
  /**
   * The Raft node id of the receiver (every message in `messages` is to it).
   */
  'toNodeId': (number);
  /**
   * The Raft messages: version byte 1, a u32 count, then each message (message-codec.ts).
   */
  'messages': (Buffer);
}
