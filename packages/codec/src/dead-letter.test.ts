import { describe, expect, it } from 'vitest';
import { deadLetterHeaders, MAX_DEAD_LETTER_MESSAGE_LENGTH, parseDeadLetterHeaders } from './dead-letter';

const info = {
  reason: 'missing-field',
  message: 'event_time: missing',
  topic: 'city.case.v1',
  partition: 3,
  offset: '9007199254740993',
  failedAtMs: Date.UTC(2024, 4, 1, 8, 0, 0, 5),
  eventId: 'case-evt-1',
};

describe('dead-letter headers', () => {
  it('writes every header as a string', () => {
    expect(deadLetterHeaders(info)).toEqual({
      'x-citybrain-dlq-reason': 'missing-field',
      'x-citybrain-dlq-message': 'event_time: missing',
      'x-citybrain-dlq-topic': 'city.case.v1',
      'x-citybrain-dlq-partition': '3',
      'x-citybrain-dlq-offset': '9007199254740993',
      'x-citybrain-dlq-failed-at': '2024-05-01T08:00:00.005Z',
      'x-citybrain-dlq-event-id': 'case-evt-1',
    });
  });

  it('reads them back, next to the original headers', () => {
    const headers = { 'content-type': 'application/json', ...deadLetterHeaders(info) };
    expect(parseDeadLetterHeaders(headers)).toEqual(info);
    const { eventId: _eventId, ...withoutEventId } = info;
    expect(parseDeadLetterHeaders(deadLetterHeaders({ ...withoutEventId, eventId: undefined }))).toEqual(
      withoutEventId,
    );
  });

  it('cuts long messages', () => {
    const headers = deadLetterHeaders({ ...info, message: 'x'.repeat(5000) });
    expect(headers['x-citybrain-dlq-message']).toHaveLength(MAX_DEAD_LETTER_MESSAGE_LENGTH);
  });

  it('returns undefined for records that are not dead letters', () => {
    expect(parseDeadLetterHeaders({ 'content-type': 'application/json' })).toBeUndefined();
    expect(
      parseDeadLetterHeaders({ ...deadLetterHeaders(info), 'x-citybrain-dlq-partition': 'three' }),
    ).toBeUndefined();
  });
});
