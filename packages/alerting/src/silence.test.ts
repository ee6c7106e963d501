import { describe, expect, it } from 'vitest';
import { parseMatcher } from './label-matcher';
import { silenceState, silencedBy, validateSilence, type Silence } from './silence';

const s = (over: Partial<Silence> = {}): Silence => ({
  id: 's1',
  matchers: [parseMatcher('areaId="A01"')],
  startsAtMs: 1000,
  endsAtMs: 2000,
  createdBy: 'ops',
  comment: 'road works',
  ...over,
});

describe('silences', () => {
  it('go pending → active → expired, half-open', () => {
    expect([999, 1000, 1999, 2000].map((t) => silenceState(s(), t))).toEqual([
      'pending',
      'active',
      'active',
      'expired',
    ]);
  });

  it('mute matching alerts only while active', () => {
    const silences = [s(), s({ id: 's2', matchers: [parseMatcher('areaId="A02"')] })];
    expect(silencedBy(silences, { areaId: 'A01' }, 1500)).toEqual(['s1']);
    expect(silencedBy(silences, { areaId: 'A01' }, 2500)).toEqual([]);
  });

  it('are validated, naming the field', () => {
    expect(() => validateSilence(s({ matchers: [] }))).toThrow(/^matchers: at least one/);
    expect(() => validateSilence(s({ matchers: [parseMatcher('areaId=~".*"')] }))).toThrow(
      /match every alert/,
    );
    expect(() => validateSilence(s({ endsAtMs: 1000 }))).toThrow(/^ends_at/);
    expect(() => validateSilence(s({ comment: ' ' }))).toThrow(/^comment/);
    expect(validateSilence(s())).toEqual(s());
  });
});
