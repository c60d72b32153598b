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
    call.acknowledged(2, at(1, 7n));
    call.acknowledged(0, at(0, 3n));
    call.acknowledged(1, at(0, 4n));
    await expect(call.promise).resolves.toEqual([at(0, 3n), at(0, 4n), at(1, 7n)]);
  });

  it('rejects with the first failure and ignores what follows', async () => {
    const call = new SendCall(2);
    call.failed(new BrookError('MESSAGE_TOO_LARGE'));
    call.acknowledged(0, at(0, 1n));
    call.failed(new BrookError('CORRUPT_MESSAGE'));
    await expect(call.promise).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
  });

  it('resolves at once with no messages, and after truncation with the appended ones', async () => {
    await expect(new SendCall(0).promise).resolves.toEqual([]);
    const call = new SendCall(3);
    call.acknowledged(0, at(0, 0n));
    call.truncate(1);
    // It settles rather than waiting forever for messages never appended; its caller already got
    // the error that cut the call short, so only the appended message's slot is filled.
    const results = await call.promise;
    expect(results[0]).toEqual(at(0, 0n));
    expect(results[1]).toBeUndefined();
  });
});
