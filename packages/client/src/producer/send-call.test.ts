// One send call's outcome: it resolves with every message's metadata in message order once all
// are acknowledged (whatever order the batches answer in), rejects with the first failure and
// ignores later outcomes, and resolves at once for zero messages or when truncated to the
// messages that were appended before the call failed midway.
import { BrookError } from '@brook/protocol';
import { describe, expect, it } from 'vitest';
import { SendCall } from './send-call.js';

const at = (partition: number, offset: bigint) => ({ topic: 't', partition, offset });

describe('SendCall', () => {
  it('resolves in message order after the last acknowledgement', async () => {
    const call = new SendCall(3);
    call.acknowledgedRun(2, 1, 't', 1, 7n);
    call.acknowledgedRun(0, 2, 't', 0, 3n);
    await expect(call.promise).resolves.toEqual([at(0, 3n), at(0, 4n), at(1, 7n)]);
  });

  it('gives every message of a run -1n with acks=0', async () => {
    const call = new SendCall(3);
    call.acknowledgedRun(0, 3, 't', 2, -1n);
    await expect(call.promise).resolves.toEqual([at(2, -1n), at(2, -1n), at(2, -1n)]);
  });

  it('rejects with the first failure and ignores what follows', async () => {
    const call = new SendCall(2);
    call.failed(new BrookError('MESSAGE_TOO_LARGE'));
    call.acknowledgedRun(0, 1, 't', 0, 1n);
    call.failed(new BrookError('CORRUPT_MESSAGE'));
    await expect(call.promise).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
  });

  it('resolves at once with no messages, and after truncation with the appended ones', async () => {
    await expect(new SendCall(0).promise).resolves.toEqual([]);
    const call = new SendCall(3);
    call.acknowledgedRun(0, 1, 't', 0, 0n);
    call.truncate(1);
    // It settles rather than waiting forever for messages never appended; its caller already got
    // the error that cut the call short, so only the appended message's slot is filled.
    const results = await call.promise;
    expect(results[0]).toEqual(at(0, 0n));
    expect(results[1]).toBeUndefined();
  });
});
