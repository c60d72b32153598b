// The pure controller answers with error names, and the broker turns each into the protocol's
// numeric code and gRPC status. This checks the mapping is total: every name the controller can
// return is a row of the one ErrorCode table, so no controller answer reaches a client as
// UNKNOWN_SERVER_ERROR.
import { describe, expect, it } from 'vitest';
import { CONTROLLER_ERROR_CODES } from '@brook/controller';
import { ERROR_CODES } from '@brook/protocol';

describe('controller error names', () => {
  it('are all rows of the protocol ErrorCode table', () => {
    const missing = CONTROLLER_ERROR_CODES.filter((name) => !(name in ERROR_CODES));
    expect(missing).toEqual([]);
  });
});
