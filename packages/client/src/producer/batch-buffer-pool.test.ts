// The producer's buffer pool hands back buffers of its size, keeps a bounded number, and
// allocates any other size fresh.
import { describe, expect, it } from 'vitest';
import { ProducerBufferPool } from './batch-buffer-pool.js';

describe('ProducerBufferPool', () => {
  it('reuses buffers of its size, up to a bound, and allocates others', () => {
    const pool = new ProducerBufferPool(1024);
    const first = pool.take(1024);
    pool.give(first);
    expect(pool.take(1024)).toBe(first);
    pool.give(Buffer.alloc(2048));
    expect(pool.freeCount).toBe(0);
    expect(pool.take(2048).byteLength).toBe(2048);
    for (let i = 0; i < 100; i++) pool.give(Buffer.alloc(1024));
    expect(pool.freeCount).toBeLessThanOrEqual(16);
  });
});
