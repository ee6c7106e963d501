import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sumSamples } from './prometheus-text';

const body = `# HELP citybrain_events_invalid_total Input records rejected.
# TYPE citybrain_events_invalid_total counter
citybrain_events_invalid_total{topic="city.traffic.v1.demo",reason="malformed-protobuf"} 54
citybrain_events_invalid_total{topic="city.traffic.v1.demo",reason="missing-field"} 53
citybrain_events_invalid_total{topic="city.case.v1.demo",reason="missing-field"} 1
citybrain_kafka_consumer_up 1
citybrain_odd{summary="a \\"quoted\\" value, with {braces}"} 2 1700000000000
not a sample line
`;

describe('parsePrometheusText', () => {
  it('reads names, labels (escapes included) and values, skipping comments', () => {
    const samples = parsePrometheusText(body);
    expect(samples).toHaveLength(5);
    expect(samples[0]).toEqual({
      name: 'citybrain_events_invalid_total',
      labels: { topic: 'city.traffic.v1.demo', reason: 'malformed-protobuf' },
      value: 54,
    });
    expect(samples[3]).toEqual({ name: 'citybrain_kafka_consumer_up', labels: {}, value: 1 });
    expect(samples[4]!.labels['summary']).toBe('a "quoted" value, with {braces}');
  });
});

describe('sumSamples', () => {
  it('adds up the samples of a name whose labels match', () => {
    const samples = parsePrometheusText(body);
    expect(sumSamples(samples, 'citybrain_events_invalid_total')).toBe(108);
    expect(sumSamples(samples, 'citybrain_events_invalid_total', { reason: 'missing-field' })).toBe(54);
    expect(sumSamples(samples, 'citybrain_events_invalid', {})).toBe(0);
  });
});
