import { describe, expect, it } from 'vitest';
import { formatOfContentType, headerValue } from './content-type';
import { familyOfTopic, INPUT_TOPICS, TOPIC_BY_FAMILY, TOPICS } from './topics';

describe('content types', () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, 'protobuf'],
    ['', 'protobuf'],
    ['application/x-protobuf', 'protobuf'],
    ['application/protobuf', 'protobuf'],
    ['application/json', 'json'],
    ['Application/JSON ; charset=utf-8', 'json'],
    ['text/plain', undefined],
    ['application/jsonl', undefined],
  ])('%s → %s', (contentType, format) => {
    expect(formatOfContentType(contentType)).toBe(format);
  });

  it('reads headers ignoring case', () => {
    expect(headerValue({ 'Content-Type': 'application/json' }, 'content-type')).toBe('application/json');
    expect(headerValue({ other: 'x' }, 'content-type')).toBeUndefined();
  });
});

describe('topics', () => {
  it('maps each family to its input topic and back', () => {
    expect(TOPIC_BY_FAMILY).toEqual({
      traffic: 'city.traffic.v1',
      permit: 'city.permit.v1',
      case: 'city.case.v1',
    });
    for (const topic of INPUT_TOPICS) expect(TOPIC_BY_FAMILY[familyOfTopic(topic)!]).toBe(topic);
    expect(familyOfTopic(TOPICS.alerts)).toBeUndefined();
    expect(familyOfTopic(TOPICS.deadLetter)).toBeUndefined();
  });
});
