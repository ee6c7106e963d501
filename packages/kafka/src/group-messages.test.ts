// The kafkajs patch's one-pass grouping of a send's messages by partition (the original copied a
// partition's list for every message: quadratic). Same groups, same order within each.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface Message {
  readonly partition: number;
  readonly value: string;
}
const group = require('kafkajs/src/producer/groupMessagesPerPartition') as (args: {
  topic: string;
  partitionMetadata: readonly unknown[];
  messages: readonly Message[];
  partitioner: (args: { message: Message }) => number;
}) => Record<number, Message[]>;

describe("kafkajs' groupMessagesPerPartition (patched)", () => {
  it('puts every message in its partition’s list, in send order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ partition: fc.nat({ max: 5 }), value: fc.string() }), { maxLength: 200 }),
        (messages) => {
          const groups = group({
            topic: 't',
            partitionMetadata: [{}],
            messages,
            partitioner: ({ message }) => message.partition,
          });
          const expected: Record<number, Message[]> = {};
          for (const m of messages) (expected[m.partition] ??= []).push(m);
          expect(groups).toEqual(expected);
        },
      ),
    );
  });

  it('groups nothing while the topic has no partition metadata', () => {
    const messages = [{ partition: 0, value: 'a' }];
    expect(group({ topic: 't', partitionMetadata: [], messages, partitioner: () => 0 })).toEqual({});
  });
});
