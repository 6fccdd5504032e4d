import { neverClosed, weeklyClosedDays } from '../calendar';
import { normalizeCardNumber } from '../card';
import { Codes, NotReservableReasons } from '../codes';
import { cardExpiryFrom, cardExpiryReminderDate, decideCardAccess } from '../account';
import { COPY_STATUS_LABELS, computeHoldShelfExpiry, decideHoldPlacement, holdActions, loanCategoryLabel, reservableForDisplay } from '../holds';
import { decidePasswordRegistration } from '../identity';
import { defaultPolicy, diffPolicies } from '../parse';
import { holdNotes, patronFacingPolicy } from '../patron-facing';
import { decideRenewal, RenewalInput } from '../renewal';
import { BulletCase } from '../test-helpers';
import { asksPickupPoint, pickupPointsOf, PRESETS } from './index';

// CITIES.md "kushiro — 釧路市"; seeds/001_5525837cde6db949.txt
const preset = PRESETS.kushiro;
const policy = preset.policy;
const SEED = 'seeds/001_5525837cde6db949.txt';

const renewal = (over: Partial<RenewalInput> = {}, loan: Partial<RenewalInput['loan']> = {}) =>
  decideRenewal({
    policy,
    loan: { dueDate: '2025-06-20', renewals: 0, branchCode: 'central', ...loan },
    today: '2025-06-10',
    hasHoldsByOthers: false,
    channel: 'online',
    isClosed: neverClosed,
    ...over,
  });
const hold = (over: object = {}) =>
  decideHoldPlacement({ policy, record: { copies: [{ loanable: true, status: 'on-loan' }] }, activeHoldCount: 0, contact: 'email', hasEmail: true, ...over });

const cases: BulletCase[] = [
  {
    bullet: 'service points: central library, five more libraries and the bookmobile',
    seed: `${SEED}:12-17, 111`,
    check: () => {
      expect(preset.branches.map((b) => b.name.ja)).toEqual([
        '中央図書館',
        '音別町ふれあい図書館',
        '阿寒町公民館図書室',
        '西部地区図書館',
        '東部地区図書館',
        '中部地区図書館',
        '図書館バス（釧路BM）',
      ]);
      expect(preset.branches.find((b) => b.code === 'bm')?.kind).toBe('bookmobile');
    },
  },
  {
    bullet: 'the bookmobile (釧路BM) has about 20 stations from the seed list',
    seed: `${SEED}:114`,
    check: () => {
      const stations = pickupPointsOf(preset, 'bm');
      expect(stations.every((s) => s.kind === 'bookmobile-station')).toBe(true);
      expect(stations.length).toBeGreaterThanOrEqual(18);
      const names = stations.map((s) => s.name.ja);
      expect(new Set(names).size).toBe(names.length); // the seed lists one station twice
      for (const n of ['山花小・中学校', 'イオン御園店', '駒場公園', '春日公園', '光陽児童館', '大栗毛小学校', '生涯学習センター']) {
        expect(names).toContain(n);
      }
    },
  },
  {
    bullet: 'the hold form asks 予約種別 (通常予約 / 順番予約) with an (i) explanation',
    seed: `${SEED}:118`,
    check: () => {
      expect(policy.holds.orderedSeries).toBe(true);
      expect(policy.display.holdKindChoice).toBe(true);
    },
  },
  {
    bullet: 'at the central library: counter (窓口受取) or hold locker room (予約取置室, 4F; card + password; lookup terminal)',
    seed: `${SEED}:101-109, 125-127`,
    check: () => {
      const central = pickupPointsOf(preset, 'central');
      expect(central.map((p) => p.kind)).toEqual(['counter', 'locker']);
      expect(central.map((p) => p.name.ja)).toEqual(['中央図書館 窓口受取', '中央図書館 予約取置室']);
      const locker = central[1];
      expect(locker.note?.ja).toContain('4階');
      expect(locker.note?.ja).toContain('パスワード');
      expect(locker.note?.ja).toContain('予約照会機');
    },
  },
  {
    bullet: 'pickup station asked only when the pickup library is the central library or the bookmobile',
    seed: `${SEED}:120, 125`,
    check: () => {
      expect(preset.branches.filter((b) => asksPickupPoint(preset, b.code)).map((b) => b.code)).toEqual(['central', 'bm']);
      for (const b of preset.branches.filter((x) => x.kind === 'library' && x.code !== 'central')) {
        expect(pickupPointsOf(preset, b.code).map((p) => p.kind)).toEqual(['counter']);
      }
    },
  },
  {
    bullet: 'card number: digits under the barcode; the leading A of pre-Feb-2018 cards is stripped',
    seed: `${SEED}:75-81, 144`,
    check: () => {
      expect(normalizeCardNumber('A0123456', policy.card)).toEqual({ ok: true, cardNumber: '0123456' });
      expect(normalizeCardNumber('0123456', policy.card)).toEqual({ ok: true, cardNumber: '0123456' });
      expect(normalizeCardNumber('Ａ０１２３４５６', policy.card)).toEqual({ ok: true, cardNumber: '0123456' });
      expect(patronFacingPolicy(policy).card.hint.map((l) => l.ja).join()).toContain('「A」を除いた数字のみ');
    },
  },
  {
    bullet: 'password registered at the counter only: no online self-registration',
    seed: `${SEED}:19, 85`,
    check: () => {
      expect(policy.registration.online).toBe(false);
      expect(
        decidePasswordRegistration(policy, { typed: {}, stored: {}, password: 'secret12', confirm: 'secret12', channel: 'web' }),
      ).toMatchObject({ ok: false, code: Codes.ONLINE_REGISTRATION_DISABLED });
    },
  },
  {
    bullet: 'forgot password: reset link by registered e-mail, without e-mail the counter; the kiosk cannot reset',
    seed: `${SEED}:180-181`,
    check: () => {
      expect(policy.passwordReset).toBe('email-link');
      expect(policy.kiosk.passwordReset).toBe(false);
    },
  },
  {
    bullet: 'record detail: copy statuses 貸出可 / 貸出中 / 予約中',
    seed: `${SEED}:61-64`,
    check: () => {
      expect([COPY_STATUS_LABELS['on-shelf'].ja, COPY_STATUS_LABELS['on-loan'].ja, COPY_STATUS_LABELS.reserved.ja]).toEqual(['貸出可', '貸出中', '予約中']);
    },
  },
  {
    bullet: 'loan category 帯出可 / 禁帯出: no hold button on not-for-loan records',
    seed: `${SEED}:51, 57-59`,
    check: () => {
      expect([loanCategoryLabel(true).ja, loanCategoryLabel(false).ja]).toEqual(['帯出可', '禁帯出']);
      expect(reservableForDisplay(policy, [{ loanable: false, status: 'on-shelf' }])).toMatchObject({
        ok: false,
        reason: NotReservableReasons.NO_LOANABLE_COPY,
      });
      expect(reservableForDisplay(policy, [{ loanable: true, status: 'on-shelf' }])).toEqual({ ok: true });
    },
  },
  {
    bullet: 'cart (予約かご) needs login; hold form: contact none or e-mail only',
    seed: `${SEED}:70-73, 104, 120`,
    check: () => {
      expect(policy.cart.requiresLogin).toBe(true);
      expect(hold({ contact: 'none' })).toEqual({ ok: true });
      expect(hold({ contact: 'email' })).toEqual({ ok: true });
      expect(hold({ contact: 'phone' })).toMatchObject({ ok: false, code: Codes.CONTACT_NOT_ALLOWED });
    },
  },
  {
    bullet: 'hold form: e-mail confirmation of the hold, yes or no per hold',
    seed: `${SEED}:107, 116, 120`,
    check: () => expect(policy.notices.holdPlaced).toBe('opt-in'),
  },
  {
    bullet: 'on-shelf items: walk-in borrowers have priority over a new hold',
    seed: `${SEED}:124`,
    check: () => {
      expect(policy.holds.walkInPriority).toBe(true);
      expect(holdNotes(policy).map((n) => n.ja).join()).toContain('来館された方の貸出が優先');
    },
  },
  {
    bullet: 'hold shelf: 1 week from the day the item is secured, closed days counted',
    seed: `${SEED}:120`,
    check: () => {
      expect(computeHoldShelfExpiry({ policy, securedDate: '2025-06-02', branchCode: 'central', isClosed: neverClosed })).toBe('2025-06-09');
      // A closed Thursday in between does not extend the week.
      expect(computeHoldShelfExpiry({ policy, securedDate: '2025-06-02', branchCode: 'central', isClosed: weeklyClosedDays([4]) })).toBe('2025-06-09');
    },
  },
  {
    bullet: 'cancel online only before the hold is secured',
    seed: `${SEED}:131`,
    check: () => {
      expect(holdActions(policy, { status: 'waiting', placedVia: 'web' }).cancel).toBe(true);
      expect(holdActions(policy, { status: 'waiting', placedVia: 'web', allocated: true }).cancel).toBe(false);
      expect(holdActions(policy, { status: 'in-transit', placedVia: 'web', allocated: true }).cancel).toBe(false);
      expect(holdActions(policy, { status: 'ready', placedVia: 'web', allocated: true }).cancel).toBe(false);
    },
  },
  {
    bullet: 'holds placed at the counter (requests) cannot be cancelled online',
    seed: `${SEED}:131-133`,
    check: () => {
      const a = holdActions(policy, { status: 'waiting', placedVia: 'counter' });
      expect(a.cancel).toBe(false);
      expect(a.refusals.cancel).toBe(Codes.HOLD_NOT_CANCELLABLE);
    },
  },
  {
    bullet: 'renewal once; new due date = current due date + 2 weeks',
    seed: `${SEED}:164, 168`,
    check: () => {
      expect(renewal()).toEqual({ ok: true, newDueDate: '2025-07-04' });
      expect(renewal({ today: '2025-06-01' })).toEqual({ ok: true, newDueDate: '2025-07-04' });
      expect(renewal({}, { renewals: 1 })).toMatchObject({ ok: false, code: Codes.RENEWAL_LIMIT });
    },
  },
  {
    bullet: 'renewal refused when another patron has a hold (延長不可)',
    seed: `${SEED}:168`,
    check: () => {
      const r = renewal({ hasHoldsByOthers: true });
      expect(r).toMatchObject({ ok: false, code: Codes.ITEM_HAS_HOLDS });
      if (!r.ok) expect(r.message.ja).toContain('延長不可');
    },
  },
  {
    bullet: 'renewal refused online when the due date has passed; counter or phone instead',
    seed: `${SEED}:169-170`,
    check: () => {
      expect(renewal({ today: '2025-06-21' })).toMatchObject({ ok: false, code: Codes.OVERDUE });
      expect(renewal({ today: '2025-06-21', channel: 'counter' })).toMatchObject({ ok: true });
      expect(renewal({ today: '2025-06-21', channel: 'phone' })).toMatchObject({ ok: true });
    },
  },
  {
    bullet: 'settings: change password, register / change e-mail',
    seed: `${SEED}:175`,
    check: () => {
      expect(policy.email.deletable).toBe(true);
      expect(patronFacingPolicy(policy).email).toEqual(policy.email);
    },
  },
  {
    bullet: 'booklist: first use needs a nickname and consent to terms',
    seed: `${SEED}:200`,
    check: () => expect(policy.features).toMatchObject({ readingHistoryNeedsNickname: true, readingHistoryNeedsTerms: true }),
  },
  {
    bullet: 'booklist: auto-record loans from the setting on; user-made categories; 読了 / 読みたい本 / add; no public booklists',
    seed: `${SEED}:204-212`,
    check: () =>
      expect(policy.features).toMatchObject({ bookshelves: true, readingHistory: true, customShelves: true, readMarks: true, publicBookshelves: false }),
  },
  {
    bullet: 'new-arrival alerts: need e-mail; named alert with search conditions; not on the in-library OPAC',
    seed: `${SEED}:191-194, 216-223`,
    check: () => {
      expect(policy.features.alerts).toBe(true);
      expect(policy.notices.newArrivalAlerts).toBe('opt-in');
      expect(policy.kiosk.personalFeatures).toBe(false);
    },
  },
  {
    bullet: 'card renewed yearly at the counter with ID; reminder by e-mail before',
    seed: `${SEED}:227-231`,
    check: () => {
      expect(cardExpiryFrom(policy, '2025-04-01')).toBe('2026-04-01');
      expect(policy.cardValidity.renewAtCounterWithId).toBe(true);
      expect(cardExpiryReminderDate(policy, '2026-04-01')).toBe('2026-03-18');
    },
  },
  {
    bullet: 'after expiry, web service and self-checkout are refused',
    seed: `${SEED}:233`,
    check: () => {
      expect(decideCardAccess(policy, '2026-04-01', '2026-04-01', 'web')).toEqual({ ok: true });
      expect(decideCardAccess(policy, '2026-04-01', '2026-04-02', 'web')).toMatchObject({ ok: false, code: Codes.CARD_EXPIRED });
      expect(decideCardAccess(policy, '2026-04-01', '2026-04-02', 'self-checkout')).toMatchObject({ ok: false, code: Codes.CARD_EXPIRED });
      expect(decideCardAccess(policy, '2026-04-01', '2026-04-02', 'counter')).toEqual({ ok: true });
    },
  },
  {
    bullet: 'everything else is the default (where the guide is silent)',
    seed: `${SEED} (whole guide)`,
    check: () =>
      expect(diffPolicies(defaultPolicy(), policy).map((c) => c.path)).toEqual([
        'card.strippedPrefixes',
        'passwordReset',
        'kiosk.passwordReset',
        'kiosk.personalFeatures',
        'renewal.overdueRenewableAtCounter',
        'holds.contactMethods',
        'holds.cancelOnlineForCounterHolds',
        'holds.cancelOnlyUnallocated',
        'holds.orderedSeries',
        'holds.walkInPriority',
        'cardValidity.months',
        'cardValidity.blocksWebWhenExpired',
        'cardValidity.blocksSelfCheckoutWhenExpired',
        'features.customShelves',
        'features.readMarks',
        'features.readingHistoryNeedsNickname',
        'features.readingHistoryNeedsTerms',
        'notices.holdPlaced',
        'display.holdKindChoice',
      ]),
  },
];

describe('preset kushiro (釧路市)', () => {
  it.each(cases)('$bullet — $seed', ({ check }) => check());
});
