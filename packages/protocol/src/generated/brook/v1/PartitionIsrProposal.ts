// Original file: ../../proto/brook/v1/controller.proto

import type { IsrMember as _brook_v1_IsrMember, IsrMember__Output as _brook_v1_IsrMember__Output } from '../../brook/v1/IsrMember.js';

/**
 * One partition's proposed ISR.
 */
export interface PartitionIsrProposal {
  /**
   * The topic's id (32 lowercase hex characters).
   */
  'topicId'?: (string);
  /**
   * The partition index.
   */
  'partition'?: (number);
  /**
   * The leader epoch the proposal was made in; a stale one gets FENCED_LEADER_EPOCH.
   */
  'leaderEpoch'?: (number);
  /**
   * The partition epoch the proposal is based on; a stale one gets INVALID_UPDATE_VERSION.
   */
  'partitionEpoch'?: (number);
  /**
   * The proposed ISR; it must keep the leader.
   */
  'newIsr'?: (_brook_v1_IsrMember)[];
}

/**
 * One partition's proposed ISR.
 */
export interface PartitionIsrProposal__Output {
  /**
   * The topic's id (32 lowercase hex characters).
   */
  'topicId': (string);
  /**
   * The partition index.
   */
  'partition': (number);
  /**
   * The leader epoch the proposal was made in; a stale one gets FENCED_LEADER_EPOCH.
   */
  'leaderEpoch': (number);
  /**
   * The partition epoch the proposal is based on; a stale one gets INVALID_UPDATE_VERSION.
   */
  'partitionEpoch': (number);
  /**
   * The proposed ISR; it must keep the leader.
   */
  'newIsr': (_brook_v1_IsrMember__Output)[];
}
