// What every command handler returns (Kafka's ControllerResult): the records to append, as one
// atomic batch, and the response to send once they have committed. Handlers are pure: they
// read an image and never change it; only replay() changes state (PROTOCOL-NOTES 5).

import type { Random } from '@brook/raft';
import type { MetadataRecord, TopicId } from './records.js';

export interface ControllerResult<R> {
  readonly records: readonly MetadataRecord[];
  readonly response: R;
}

export function result<R>(records: readonly MetadataRecord[], response: R): ControllerResult<R> {
  return { records, response };
}

/** Where fresh topic ids come from: injected, so a seed fixes them (no Math.random). */
export interface TopicIdSource {
  nextTopicId(): TopicId;
}

export interface ControllerContext {
  /** The driver's clock, in milliseconds; handlers only compare it with tracked times. */
  readonly nowMs: number;
  readonly ids: TopicIdSource;
}

/** A topic id source drawing 128 bits from a seeded generator. The all-zero id is skipped
 *  because Kafka reserves it (Uuid.ZERO_UUID means "no id"). */
export function randomTopicIds(random: Random): TopicIdSource {
  return {
    nextTopicId(): TopicId {
      for (;;) {
        let hex = '';
        // Random.nextInt takes bounds below 2^32, so draw the 128 bits 16 at a time.
        for (let i = 0; i < 8; i++) hex += random.nextInt(0x1_0000).toString(16).padStart(4, '0');
        if (!/^0+$/.test(hex)) return hex;
      }
    },
  };
}
