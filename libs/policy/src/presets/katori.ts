import { counterOf, DEFAULT_CATEGORIES, DEFAULT_MATERIAL_TYPES, Preset, PresetBranch, presetPolicy } from './types';

/**
 * 香取市 Katori — seeds/000_b03486ede5165335.txt. Line numbers in comments point there.
 */
const branches: PresetBranch[] = [
  // 000:37 (佐原中央図書館、小見川図書館、山田公民館図書室、栗源市民センター図書室)
  { code: 'sawara', name: { ja: '佐原中央図書館', en: 'Sawara Central Library' }, kind: 'library', askPickupPoint: false },
  { code: 'omigawa', name: { ja: '小見川図書館', en: 'Omigawa Library' }, kind: 'library', askPickupPoint: false },
  { code: 'yamada', name: { ja: '山田公民館図書室', en: 'Yamada Community Hall Library' }, kind: 'library', askPickupPoint: false },
  { code: 'kurimoto', name: { ja: '栗源市民センター図書室', en: 'Kurimoto Civic Center Library' }, kind: 'library', askPickupPoint: false },
];

export const katoriPreset: Preset = {
  slug: 'katori',
  name: { ja: '香取市立図書館', en: 'Katori City Library' },
  theme: { primary: '#2e7d5b' },
  policy: presetPolicy('katori', {
    // 000:9, 63, 128: the 7 digits on the back of the card, typed without "-".
    card: { minLength: 7, maxLength: 7, example: '0446443' /* 000:251 */ },
    // 000:161-163, 176-178, 270: 6–15 half-width letters (case-sensitive), digits, symbols +*!%&#.
    password: { minLength: 6, maxLength: 15, classes: ['letters', 'digits', 'symbols'], symbols: '+*!%&#', caseSensitive: true },
    registration: {
      online: true, // 000:39 (館内OPAC, PC/tablet, smartphone); no counter visit needed
      channels: ['web', 'kiosk'], // 000:41, 188, 317
      identityFields: ['nameKana', 'birthDate'], // 000:93-97
      birthDatePrecision: 'month', // 000:130-132: the day is always 01
    },
    passwordReset: 'register-again', // 000:89
    kiosk: { onScreenKeyboard: true /* 000:218 */, autoLogoutSeconds: 180 /* 000:314-315: patrons must log out */ },
    renewal: { maxRenewals: 1, blockedByHolds: true, blockedByIll: true }, // 000:22
    holds: { reservable: 'any-loanable' }, // 000:21 (貸出できない本に予約することはできません)
    publicLists: {
      enabled: ['new-arrivals', 'best-loans', 'best-holds', 'recommended'], // 000:13-17
      newArrivalDays: 30, // 000:14
      newArrivalMaxPublicationAgeYears: 3, // 000:14
      bestLoansWindow: { amount: 3, unit: 'years' }, // 000:15
      topN: 10, // 000:15-16
    },
    features: {
      bookshelves: true, // 000:26 My本棚
      alerts: true, // 000:28 新着図書案内
      readingHistory: true, // 000:30 貸出履歴
      digitalCard: true, // 000:31, 404-412
    },
    notices: { dueReminder: 'opt-in' /* 000:29 リマインダー設定 */, newArrivalAlerts: 'opt-in' /* 000:28 */ },
    display: {
      // 000:300-312: card number, last login, loans, holds, new-arrival notices, last use, expiry, messages
      myPage: ['cardNumber', 'lastLogin', 'loanCount', 'holdCount', 'newArrivalCount', 'lastUse', 'cardExpiry', 'messages'],
    },
  }),
  branches,
  pickupPoints: branches.map(counterOf),
  categories: DEFAULT_CATEGORIES,
  materialTypes: DEFAULT_MATERIAL_TYPES,
};
