// Original file: ../../proto/brook/v1/quorum.proto


/**
 * Ask for the metadata quorum's state.
 */
export interface DescribeQuorumRequest {
}

/**
 * Ask for the metadata quorum's state.
 */
export interface DescribeQuorumRequest__Output {
}
