import { InvalidAlertingInputError } from './errors';
import { matchesAll, validateMatcher, type LabelMatcher, type Labels } from './label-matcher';

/** A silence (Alertmanager): alerts whose labels match every matcher are muted in `[startsAtMs, endsAtMs)`. */
export interface Silence {
  readonly id: string;
  readonly matchers: readonly LabelMatcher[];
  /** Epoch ms. */
  readonly startsAtMs: number;
  /** Epoch ms; expiring a silence sets it to the expiry time. */
  readonly endsAtMs: number;
  /** Who created it. */
  readonly createdBy: string;
  readonly comment: string;
}

/** Most matchers one silence may carry (each is evaluated against every alert delivered). */
export const MAX_SILENCE_MATCHERS = 16;
/** Longest silence comment, characters. */
export const MAX_SILENCE_COMMENT_LENGTH = 1000;

/** Where a silence is in its life at a given time. */
export type SilenceState = 'pending' | 'active' | 'expired';

/** The state of a silence at `nowMs`. */
export function silenceState(silence: Silence, nowMs: number): SilenceState {
  if (nowMs < silence.startsAtMs) return 'pending';
  return nowMs < silence.endsAtMs ? 'active' : 'expired';
}

/**
 * Checks a silence: one to {@link MAX_SILENCE_MATCHERS} matchers, each valid, not all of them matching the empty string
 * (a silence must not mute everything), ends after it starts, a comment.
 *
 * @throws InvalidAlertingInputError naming the field, e.g. `matchers[1].value` or `ends_at`.
 */
export function validateSilence(silence: Silence): Silence {
  if (silence.matchers.length === 0)
    throw new InvalidAlertingInputError('matchers', 'at least one matcher is required');
  if (silence.matchers.length > MAX_SILENCE_MATCHERS)
    throw new InvalidAlertingInputError('matchers', `at most ${MAX_SILENCE_MATCHERS} matchers`);
  silence.matchers.forEach((m, i) => validateMatcher(m, `matchers[${i}]`));
  if (matchesAll(silence.matchers, {}))
    throw new InvalidAlertingInputError('matchers', 'the matchers match every alert; narrow them');
  if (!Number.isFinite(silence.startsAtMs)) throw new InvalidAlertingInputError('starts_at', 'not a time');
  if (!Number.isFinite(silence.endsAtMs) || silence.endsAtMs <= silence.startsAtMs)
    throw new InvalidAlertingInputError('ends_at', 'must be after starts_at');
  if (silence.comment.trim() === '') throw new InvalidAlertingInputError('comment', 'required');
  if (silence.comment.length > MAX_SILENCE_COMMENT_LENGTH)
    throw new InvalidAlertingInputError('comment', `at most ${MAX_SILENCE_COMMENT_LENGTH} characters`);
  return silence;
}

/** The ids of the silences active at `nowMs` that mute an alert with these labels. */
export function silencedBy(silences: Iterable<Silence>, labels: Labels, nowMs: number): string[] {
  const ids: string[] = [];
  for (const s of silences)
    if (silenceState(s, nowMs) === 'active' && matchesAll(s.matchers, labels)) ids.push(s.id);
  return ids;
}
