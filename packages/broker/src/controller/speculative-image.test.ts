// The speculative image: proposed batches take effect for the next command at once, become the
// committed image as they are applied, and vanish when leadership is lost.
import { describe, expect, it } from 'vitest';
import { EMPTY_IMAGE, replayBatch } from '@brook/controller';
import type { MetadataRecord } from '@brook/controller';
import { SpeculativeImage } from './speculative-image.js';

const registration = (brokerId: number): MetadataRecord[] => [
  { type: 'RegisterBroker', version: 0, brokerId, incarnationId: brokerId.toString(16).padStart(32, '0'), listeners: [], rack: null },
];

describe('SpeculativeImage', () => {
  it('stages proposed batches at their indexes and catches up as they commit', () => {
    const state = new SpeculativeImage(EMPTY_IMAGE);
    state.proposed(2, registration(1), state.stage(2, registration(1)));
    state.proposed(3, registration(2), state.stage(3, registration(2)));
    expect([...state.image().brokers.keys()]).toEqual([1, 2]);
    expect(state.image().brokers.get(2)?.epoch).toBe(3);
    const first = replayBatch(EMPTY_IMAGE, registration(1), 2);
    state.committedTo(first);
    expect(state.pendingCount).toBe(1);
    expect(state.image().offset).toBe(3);
    const second = replayBatch(first, registration(2), 3);
    state.committedTo(second);
    expect(state.pendingCount).toBe(0);
    expect(state.image()).toBe(second);
  });

  it('refuses a batch that breaks an invariant before anything is kept', () => {
    const state = new SpeculativeImage(EMPTY_IMAGE);
    expect(() => state.stage(1, [{ type: 'FenceBroker', version: 0, brokerId: 9, brokerEpoch: 1 }])).toThrow(/invariant/);
    expect(state.image()).toBe(EMPTY_IMAGE);
  });

  it('drops what was staged on reset', () => {
    const committed = replayBatch(EMPTY_IMAGE, registration(1), 1);
    const state = new SpeculativeImage(EMPTY_IMAGE);
    state.committedTo(committed);
    state.proposed(5, registration(2), state.stage(5, registration(2)));
    state.reset();
    expect(state.pendingCount).toBe(0);
    expect(state.image()).toBe(committed);
  });
});
