// Limits that belong to the wire contract: both the broker (which enforces them) and the client
// (which should never send what the broker will refuse) read them from here. Broker-only tuning
// lives in the broker's config schema, not here.
import type { ChannelOptions } from '@grpc/grpc-js';

/** The longest topic name, in characters (Kafka's Topic.MAX_NAME_LENGTH). */
export const TOPIC_NAME_LENGTH_MAX = 249;

const topicNameCharacters = /^[a-zA-Z0-9._-]+$/;

/**
 * Checks a topic name against Kafka's rules (Topic.validate): 1 to 249 characters, only ASCII
 * letters, digits, '.', '_' and '-', and not "." or ".." (they would name directories). Returns
 * why the name is invalid, or null when it is valid.
 */
export function validateTopicName(name: string): string | null {
  if (name.length === 0) return 'topic name must not be empty';
  if (name === '.' || name === '..') return `topic name must not be "${name}"`;
  if (name.length > TOPIC_NAME_LENGTH_MAX) {
    return `topic name is ${name.length} characters long; the limit is ${TOPIC_NAME_LENGTH_MAX}`;
  }
  if (!topicNameCharacters.test(name)) {
    return `topic name "${name}" may contain only ASCII letters, digits, '.', '_' and '-'`;
  }
  return null;
}

/**
 * Kafka's metric names turn '.' into '_', so it refuses a topic whose name differs from an
 * existing one only in those two characters ("a.b" and "a_b"). Two names collide when their keys
 * are equal.
 */
export function topicCollisionKey(name: string): string {
  return name.replaceAll('.', '_');
}

/**
 * The default largest batch a topic accepts, in bytes (Kafka's message.max.bytes default:
 * 1 MiB of records plus the 12-byte log overhead of baseOffset and batchLength).
 */
export const MESSAGE_BYTES_MAX_DEFAULT = 1_048_588;

/**
 * The default largest gRPC message either side receives or sends, in bytes: 100 MiB, Kafka's
 * socket.request.max.bytes. It must exceed FETCH_MAX_BYTES_DEFAULT plus one whole batch (a fetch
 * response may overshoot max_bytes by its first batch) and the largest Produce request a client
 * builds. gRPC's own default, 4 MiB, is too small for either.
 */
export const RPC_MESSAGE_BYTES_MAX_DEFAULT = 100 * 1024 * 1024;

/**
 * The default timeout_ms of Produce, CreateTopics and DeleteTopics, used when a request sends 0
 * (Kafka's request.timeout.ms).
 */
export const REQUEST_TIMEOUT_MS_DEFAULT = 30_000;

/** The default max_bytes of a Fetch request (Kafka's fetch.max.bytes). */
export const FETCH_MAX_BYTES_DEFAULT = 50 * 1024 * 1024;

/** The default partition_max_bytes of a Fetch request (Kafka's max.partition.fetch.bytes). */
export const PARTITION_FETCH_MAX_BYTES_DEFAULT = 1024 * 1024;

/**
 * The longest error message put on the wire, in characters: messages travel in the grpc-message
 * header and in error_message fields, and an unbounded one (say, a whole request echoed back)
 * must not be able to blow up either.
 */
export const ERROR_MESSAGE_LENGTH_MAX = 1024;

/** Cuts a message to ERROR_MESSAGE_LENGTH_MAX characters, marking the cut. */
export function truncateErrorMessage(message: string): string {
  if (message.length <= ERROR_MESSAGE_LENGTH_MAX) return message;
  const marker = '... (truncated)';
  return message.slice(0, ERROR_MESSAGE_LENGTH_MAX - marker.length) + marker;
}

/**
 * gRPC channel and server options applying a message size limit in both directions; pass them
 * to `new grpc.Server(...)` and to client constructors so both ends agree.
 */
export function rpcMessageSizeOptions(messageBytesMax: number = RPC_MESSAGE_BYTES_MAX_DEFAULT): ChannelOptions {
  return {
    'grpc.max_receive_message_length': messageBytesMax,
    'grpc.max_send_message_length': messageBytesMax,
  };
}

/** The HTTP/2 receive window Brook opens its connections with, client and server side. */
export const RPC_FLOW_CONTROL_WINDOW_BYTES = 16 * 1024 * 1024;

/**
 * Options for a client channel between Brook nodes: the message size limit, and a receive window
 * wide enough that a megabyte answer streams instead of crawling in HTTP/2's default 64 KiB steps
 * (one round trip each).
 */
export function rpcClientOptions(messageBytesMax: number = RPC_MESSAGE_BYTES_MAX_DEFAULT): ChannelOptions {
  return { ...rpcMessageSizeOptions(messageBytesMax), 'grpc-node.flow_control_window': RPC_FLOW_CONTROL_WINDOW_BYTES };
}
