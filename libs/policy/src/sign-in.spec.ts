import { getPreset } from './presets';
import {
  backoffWaitSeconds,
  countFailure,
  currentFailures,
  decideSignInAttempt,
  FailureCount,
  isFamiliarSource,
  REGISTRATION_BACKOFF,
  signInBackoff,
  waitUntil,
} from './sign-in';

const T0 = '2026-06-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const fails = (failures: number, lastFailureAt: string | null = T0): FailureCount => ({ failures, lastFailureAt });

describe('sign-in backoff from a city’s lockout rules', () => {
  const rules = signInBackoff(getPreset('default')!.policy.lockout); // 10 failures, 15 minutes

  it('keeps the size of the old rules: 10 free failures, then 5 s doubling up to 15 minutes', () => {
    expect(rules).toMatchObject({ freeFailures: 10, firstWaitSeconds: 5, maxWaitSeconds: 900 });
    expect([9, 10, 11, 12, 17, 18, 50].map((f) => backoffWaitSeconds(rules, f))).toEqual([0, 5, 10, 20, 640, 900, 900]);
  });

  it('never waits longer than lockMinutes, even when that is shorter than the first wait', () => {
    expect(signInBackoff({ maxFailures: 3, lockMinutes: 1 }).maxWaitSeconds).toBe(60);
    expect(backoffWaitSeconds(signInBackoff({ maxFailures: 3, lockMinutes: 1 }), 100)).toBe(60);
  });

  it('waits from the last failure, and forgets failures after a quiet day', () => {
    expect(waitUntil(rules, fails(12), at(19))).toBe(at(20));
    expect(waitUntil(rules, fails(12), at(20))).toBeNull();
    expect(currentFailures(rules, fails(30), at(24 * 3600 - 1))).toBe(30);
    expect(currentFailures(rules, fails(30), at(24 * 3600))).toBe(0);
    expect(countFailure(rules, fails(30), at(24 * 3600))).toEqual({ failures: 1, lastFailureAt: at(24 * 3600) });
    expect(countFailure(rules, fails(3), at(60))).toEqual({ failures: 4, lastFailureAt: at(60) });
    expect(countFailure(rules, fails(0, null), T0)).toEqual({ failures: 1, lastFailureAt: T0 });
  });

  it('refuses unparseable times', () => {
    expect(() => waitUntil(rules, fails(12, 'yesterday'), T0)).toThrow(RangeError);
  });
});

describe('decideSignInAttempt: no lock a stranger can trigger', () => {
  const rules = signInBackoff({ maxFailures: 10, lockMinutes: 15 });
  const quiet = fails(0, null);

  it('checks the password while the address and the account have failed less than the free failures', () => {
    expect(decideSignInAttempt(rules, { fromSource: fails(9), fromAnywhere: fails(9), sourceLastSuccessAt: null }, at(1))).toEqual({ check: true });
  });

  it('makes the failing address wait, whoever else tries', () => {
    expect(decideSignInAttempt(rules, { fromSource: fails(11), fromAnywhere: fails(11), sourceLastSuccessAt: null }, at(5))).toEqual({
      check: false,
      until: at(10),
      because: 'source',
    });
  });

  it('slows a script spread over many addresses: a new address waits while the account has failed from everywhere', () => {
    expect(decideSignInAttempt(rules, { fromSource: quiet, fromAnywhere: fails(40), sourceLastSuccessAt: null }, at(60))).toEqual({
      check: false,
      until: at(900),
      because: 'account',
    });
    expect(decideSignInAttempt(rules, { fromSource: quiet, fromAnywhere: fails(40), sourceLastSuccessAt: null }, at(900))).toEqual({ check: true });
  });

  it('lets the account holder in from an address they signed in from before, whatever strangers did elsewhere', () => {
    const usual = at(-30 * 24 * 3600);
    expect(decideSignInAttempt(rules, { fromSource: quiet, fromAnywhere: fails(500), sourceLastSuccessAt: usual }, at(1))).toEqual({ check: true });
    // an address last used more than 90 days ago is a new one again
    expect(isFamiliarSource(at(-91 * 24 * 3600), T0)).toBe(false);
    expect(isFamiliarSource(usual, T0)).toBe(true);
    expect(isFamiliarSource(null, T0)).toBe(false);
  });
});

describe('online password registration per card', () => {
  it('5 free failures, then 1 minute doubling, and one day between attempts from the 10th failure on', () => {
    expect([4, 5, 6, 9, 10, 30].map((f) => backoffWaitSeconds(REGISTRATION_BACKOFF, f))).toEqual([0, 60, 120, 960, 86400, 86400]);
  });

  it('remembers failures for a week', () => {
    expect(currentFailures(REGISTRATION_BACKOFF, fails(10), at(6 * 24 * 3600))).toBe(10);
    expect(currentFailures(REGISTRATION_BACKOFF, fails(10), at(7 * 24 * 3600))).toBe(0);
  });
});
