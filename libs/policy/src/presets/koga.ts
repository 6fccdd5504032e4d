import { counterOf, DEFAULT_CATEGORIES, DEFAULT_MATERIAL_TYPES, Preset, PresetBranch, presetPolicy } from './types';

/**
 * 古賀市 Koga — seeds/004_98062ac54aa49287.txt. Line numbers in comments point there.
 */
const branches: PresetBranch[] = [
  // 004:3: one library, 古賀市立図書館.
  { code: 'main', name: { ja: '古賀市立図書館', en: 'Koga City Library' }, kind: 'library', askPickupPoint: false },
];

export const kogaPreset: Preset = {
  slug: 'koga',
  name: { ja: '古賀市立図書館', en: 'Koga City Library' },
  theme: { primary: '#2f7d32' },
  policy: presetPolicy('koga', {
    card: { minLength: 9, maxLength: 9, fixedPrefix: '10' }, // 004:20, 35, 56
    registration: {
      online: true, // 004:24-38
      identityFields: ['nameKana', 'birthDate', 'phone'], // 004:33, 56-59
      birthDatePrecision: 'day', // 004:58: 2009年3月1日→20090301
    },
    password: { minLength: 4, maxLength: 8, classes: ['letters', 'digits'] }, // 004:21, 64, 70
    passwordReset: 'register-again', // 004:156
    email: {
      confirmation: 'double-opt-in', // 004:114: open the link to confirm
      askApplyToExistingHolds: true, // 004:73-74
      deletable: true, // 004:128
      warnUndeliverable: true, // 004:196-200
    },
    holds: {
      reservable: 'only-on-loan', // 004:14, 135, 139
      maxActive: 10, // 004:140
      countsRequestsFromOtherChannels: true, // 004:140
      contactMethods: ['email'], // 004:141 (also for counter holds)
      shelfDays: 7, // 004:142
      shelfCountFrom: 'notice-day', // 004:142: メール連絡から1週間
      orderedSeries: false, // 004:139
      cancelledVisibleDays: 14, // 004:105 lists cancelled holds; the period is not stated (default)
    },
    renewal: { maxRenewals: 1, blockedByHolds: true, blockedByOverdue: true }, // 004:12
    notices: {
      holdPlaced: 'always', // 004:135 予約受付メール
      holdReady: 'always', // 004:16, 144 貸出準備完了メール
      dueReminder: 'always', // 004:16 返却日メール
      overdue: 'off', // 004:16 lists the mails the library sends: 予約準備完了 and 返却日 (and 予約受付, 004:135); no overdue mail
    },
    features: {
      bookshelves: true, // 004:106-107 お気に入り, My本棚
      customShelves: true, // 004:158 本棚を作成する
      readingHistory: true, // 004:157
      readingMarathon: true, // 004:108, 159
      eventsCalendar: true, // 004:95-99
    },
    display: { usageTabs: ['loans', 'holds', 'cancelled-holds', 'cart'] }, // 004:103-105, 46
  }),
  branches,
  pickupPoints: branches.map(counterOf),
  categories: DEFAULT_CATEGORIES,
  materialTypes: DEFAULT_MATERIAL_TYPES,
};
