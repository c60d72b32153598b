// The producer's buffer pool hands back buffers of its sizes (a batch's first buffer and the batch
// size), keeps a bounded number of each, and allocates any other size fresh.
import { describe, expect, it } from 'vitest';
import { ProducerBufferPool } from './batch-buffer-pool.js';

describe('ProducerBufferPool', () => {
  it('reuses buffers of its sizes, up to a bound each, and allocates others', () => {
    const pool = new ProducerBufferPool([1024, 8192]);
    const first = pool.take(1024);
    pool.give(first);
    expect(pool.take(1024)).toBe(first);
    pool.give(Buffer.alloc(2048));
    expect(pool.freeCount).toBe(0);
    expect(pool.take(2048).byteLength).toBe(2048);
    for (let i = 0; i < 100; i++) pool.give(Buffer.alloc(1024));
    expect(pool.freeCount).toBe(16);
    const large = pool.take(8192);
    pool.give(large);
    expect(pool.take(8192)).toBe(large);
    for (let i = 0; i < 100; i++) pool.give(Buffer.alloc(8192));
    expect(pool.freeCount).toBe(32);
    expect(pool.take(1024).byteLength).toBe(1024);
  });

  it('keeps at most 16 MiB of free buffers, all sizes together', () => {
    const pool = new ProducerBufferPool([4 * 1024 * 1024]);
    for (let i = 0; i < 8; i++) pool.give(Buffer.alloc(4 * 1024 * 1024));
    expect(pool.freeCount).toBe(4);
  });
});
