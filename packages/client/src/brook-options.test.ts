// Brook's options: the broker list as an array or a comma-separated string, defaults, and
// construction-time refusal of invalid values (a typo must not surface as a timeout later).
import { REQUEST_TIMEOUT_MS_DEFAULT } from '@brook/protocol';
import { describe, expect, it } from 'vitest';
import { METADATA_MAX_AGE_MS_DEFAULT, resolveBrookOptions } from './brook-options.js';
import { RETRY_DEFAULTS } from './transport/retry.js';

describe('resolveBrookOptions', () => {
  it('accepts brokers as a list or a comma-separated string, and fills defaults', () => {
    const fromString = resolveBrookOptions({ brokers: 'a:9092, b:9093,,[::1]:9094', clientId: 'c' });
    expect(fromString.brokers).toEqual(['a:9092', 'b:9093', '[::1]:9094']);
    expect(fromString.requestTimeoutMs).toBe(REQUEST_TIMEOUT_MS_DEFAULT);
    expect(fromString.metadataMaxAgeMs).toBe(METADATA_MAX_AGE_MS_DEFAULT);
    expect(fromString.retry).toEqual(RETRY_DEFAULTS);
    const partialRetry = resolveBrookOptions({ brokers: ['h:1'], clientId: 'c', retry: { retries: 0, initialBackoffMs: undefined } });
    expect(partialRetry.retry).toEqual({ ...RETRY_DEFAULTS, retries: 0 });
  });

  it('refuses missing brokers, malformed addresses, an empty clientId and bad numbers', () => {
    expect(() => resolveBrookOptions({ brokers: '', clientId: 'c' })).toThrow(TypeError);
    expect(() => resolveBrookOptions({ brokers: ['localhost'], clientId: 'c' })).toThrow('not "host:port"');
    expect(() => resolveBrookOptions({ brokers: ['h:1'], clientId: '' })).toThrow('clientId');
    expect(() => resolveBrookOptions({ brokers: ['h:1'], clientId: 'c', requestTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => resolveBrookOptions({ brokers: ['h:1'], clientId: 'c', retry: { initialBackoffMs: 500, maxBackoffMs: 100 } })).toThrow(RangeError);
  });
});
