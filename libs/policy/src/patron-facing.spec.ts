import { holdNotes, patronFacingPolicy } from './patron-facing';
import { policyOf } from './test-helpers';

describe('patronFacingPolicy', () => {
  const policy = policyOf({
    card: { minLength: 8, maxLength: 8, example: '0123456-7', checkDigit: 'mod10-weight21' },
    password: { minLength: 6, maxLength: 6, classes: ['digits'] },
    renewal: { online: false },
  });
  const facing = patronFacingPolicy(policy);

  it('carries what the OPAC needs, with hint text', () => {
    expect(facing.card).toMatchObject({ minLength: 8, maxLength: 8, checkDigit: 'mod10-weight21' });
    expect(facing.card.hint.map((l) => l.ja).join()).toContain('01234567');
    expect(facing.password.hint.map((l) => l.ja).join()).toContain('半角数字のみ');
    expect(facing.renewal).toEqual({ online: false });
    expect(facing.registration).toEqual(policy.registration);
    expect(facing.passwordReset).toBe(policy.passwordReset);
    expect(facing.features).toEqual(policy.features);
    expect(facing.holds.contactMethods).toEqual(policy.holds.contactMethods);
    expect(facing.holds.orderedSeries).toBe(false);
  });

  it('leaves internal fields out', () => {
    const keys = Object.keys(facing);
    for (const internal of ['lockout', 'loans', 'cardValidity']) expect(keys).not.toContain(internal);
    // only the notices a patron chooses or is offered are public
    expect(Object.keys(facing.notices).sort()).toEqual(['dueReminder', 'dueReminderDaysBefore', 'holdPlaced', 'holdReady', 'newArrivalAlerts']);
    expect(Object.keys(facing.renewal)).toEqual(['online']);
    expect(JSON.stringify(facing)).not.toContain('maxFailures');
  });

  it('is a copy: changing it does not change the policy', () => {
    facing.features.alerts = !policy.features.alerts;
    expect(patronFacingPolicy(policy).features.alerts).toBe(policy.features.alerts);
  });
});

describe('holdNotes', () => {
  it('describes the hold rules in sentences', () => {
    const notes = holdNotes(
      policyOf({ holds: { reservable: 'only-on-loan', countsRequestsFromOtherChannels: true, walkInPriority: true, shelfExcludeClosedDays: true, shelfCountFrom: 'notice-day' } }),
    ).map((n) => n.ja);
    expect(notes.join('\n')).toContain('書架にない資料のみ');
    expect(notes.join('\n')).toContain('ウェブ以外で申し込んだ予約');
    expect(notes.join('\n')).toContain('来館された方の貸出が優先');
    expect(notes.join('\n')).toContain('連絡した日の翌日から7日間（休館日を除く）');
  });
});
