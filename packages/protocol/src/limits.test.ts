// Checks the contract's limits: topic-name validation against Kafka's rules (Topic.validate),
// the name-collision key, message truncation, and the gRPC size options.
import { describe, expect, it } from 'vitest';
import {
  ERROR_MESSAGE_LENGTH_MAX,
  FETCH_MAX_BYTES_DEFAULT,
  MESSAGE_BYTES_MAX_DEFAULT,
  RPC_MESSAGE_BYTES_MAX_DEFAULT,
  TOPIC_NAME_LENGTH_MAX,
  rpcMessageSizeOptions,
  topicCollisionKey,
  truncateErrorMessage,
  validateTopicName,
} from './limits.js';

describe('validateTopicName', () => {
  it.each(['orders', 'a', 'Orders.v2', 'my_topic-1', '...', '-', '_', '.hidden', 'x'.repeat(TOPIC_NAME_LENGTH_MAX)])(
    'accepts %j',
    (name) => {
      expect(validateTopicName(name)).toBeNull();
    },
  );

  it.each([
    ['', /empty/],
    ['.', /must not be "\."/],
    ['..', /must not be "\.\."/],
    ['x'.repeat(TOPIC_NAME_LENGTH_MAX + 1), /250 characters long; the limit is 249/],
    ['with space', /may contain only/],
    ['slash/name', /may contain only/],
    ['colon:name', /may contain only/],
    ['ünïcode', /may contain only/],
    ['tab\t', /may contain only/],
    ['new\nline', /may contain only/],
  ])('rejects %j', (name, reason) => {
    expect(validateTopicName(name)).toMatch(reason);
  });
});

describe('topicCollisionKey', () => {
  it('makes names that differ only in "." and "_" collide, and no others', () => {
    expect(topicCollisionKey('a.b')).toBe(topicCollisionKey('a_b'));
    expect(topicCollisionKey('a.b.c')).toBe(topicCollisionKey('a_b.c'));
    expect(topicCollisionKey('a.b')).not.toBe(topicCollisionKey('a-b'));
    expect(topicCollisionKey('ab')).not.toBe(topicCollisionKey('a_b'));
  });
});

describe('truncateErrorMessage', () => {
  it('leaves messages up to the limit alone', () => {
    const message = 'm'.repeat(ERROR_MESSAGE_LENGTH_MAX);
    expect(truncateErrorMessage(message)).toBe(message);
  });

  it('cuts longer messages to exactly the limit and marks the cut', () => {
    const cut = truncateErrorMessage('m'.repeat(ERROR_MESSAGE_LENGTH_MAX + 1));
    expect(cut.length).toBe(ERROR_MESSAGE_LENGTH_MAX);
    expect(cut.endsWith('... (truncated)')).toBe(true);
  });
});

describe('size defaults', () => {
  it('are Kafka\'s where Kafka has them', () => {
    expect(MESSAGE_BYTES_MAX_DEFAULT).toBe(1_048_588);
    expect(RPC_MESSAGE_BYTES_MAX_DEFAULT).toBe(104_857_600);
    expect(FETCH_MAX_BYTES_DEFAULT).toBe(52_428_800);
  });

  it('let a default fetch response that overshoots by one whole batch through the gRPC limit', () => {
    expect(FETCH_MAX_BYTES_DEFAULT + MESSAGE_BYTES_MAX_DEFAULT).toBeLessThan(RPC_MESSAGE_BYTES_MAX_DEFAULT);
  });

  it('become symmetric gRPC channel options', () => {
    expect(rpcMessageSizeOptions()).toEqual({
      'grpc.max_receive_message_length': RPC_MESSAGE_BYTES_MAX_DEFAULT,
      'grpc.max_send_message_length': RPC_MESSAGE_BYTES_MAX_DEFAULT,
    });
    expect(rpcMessageSizeOptions(4096)['grpc.max_send_message_length']).toBe(4096);
  });
});
