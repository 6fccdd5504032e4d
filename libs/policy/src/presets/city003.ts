import { checkDigitFor } from '../card';
import { counterOf, DEFAULT_CATEGORIES, DEFAULT_MATERIAL_TYPES, Preset, PresetBranch, presetPolicy } from './types';

/**
 * city003 — the unnamed city whose card is a 貸出券 with a check digit:
 * seeds/003_d0ebf2d178b487db.txt. Line numbers in comments point there.
 *
 * Check digit: the guide prints `0123456-7` (003:44) but does not publish the method.
 * We use modulus 10, weights 2·1 from the right, products added whole
 * (「モジュラス10 ウェイト2・1 一括」), a common Japanese scheme, because it is the common
 * scheme under which the printed example is itself valid:
 *   6×2 + 5×1 + 4×2 + 3×1 + 2×2 + 1×1 + 0×2 = 33,  (10 − 33 mod 10) mod 10 = 7.
 * (Luhn would give 6, weights 3·1 give 5, modulus 11 weights 2–7 give 0.) It is a policy
 * option (`card.checkDigit`), so the city can switch once it tells us its method.
 *
 * The guide names no branch ("最寄りの市内図書館"), so one central library stands in.
 */
const branches: PresetBranch[] = [
  // 003:130-132: out of hours, returns go to the book drop (返却ポスト).
  { code: 'central', name: { ja: '中央図書館', en: 'Central Library' }, kind: 'library', askPickupPoint: false, bookDrop: true },
];

export const CITY003_CHECK_DIGIT = 'mod10-weight21' as const;

// Fail at load time if the scheme ever stops agreeing with the guide's own example.
if (checkDigitFor('0123456', CITY003_CHECK_DIGIT) !== '7') {
  throw new Error('city003 check digit scheme no longer validates the guide example 0123456-7');
}

export const city003Preset: Preset = {
  slug: 'city003',
  name: { ja: '市立図書館（city003）', en: 'City Library (city003)' },
  theme: { primary: '#5b4a8a' },
  policy: presetPolicy('city003', {
    // 003:40-44: 8 digits printed 0123456-7 (7 + check digit), typed without the hyphen.
    card: { minLength: 8, maxLength: 8, checkDigit: CITY003_CHECK_DIGIT, example: '0123456-7' },
    // 003:46, 54-56: exactly 6 half-width digits.
    // 003:3-5: the counter issues a temporary password that must be changed to a real one.
    password: { minLength: 6, maxLength: 6, classes: ['digits'], temporaryMustChange: true },
    registration: { online: false }, // 003:5: passwords come from the library counter
    passwordReset: 'counter-only', // the guide is silent; without online registration only the counter can
    renewal: { online: false, byPhone: false }, // 003:145-147: at the counter only, not online or by phone
    holds: {
      cancelAllowedIn: ['waiting'], // 003:236-240
      cancelOnlyUnallocated: true, // 003:236-240, 277-281: secured but in transit = no cancel button
    },
    display: {
      usageTabs: ['holds', 'loans', 'cart'], // 003:90-102
      // 003:110-143: 資料コード, 貸出日, 返却日, 予約(有), 注意(延滞), 貸出館, 区分, タイトル
      loanColumns: ['itemBarcode', 'loanDate', 'dueDate', 'hasHolds', 'overdue', 'branch', 'materialType', 'title'],
      // 003:194-267: タイトル, 巻名, 受取館, 連絡, 状態, 予約日, 確保日, 操作(取消)
      holdColumns: ['title', 'volume', 'pickupPoint', 'contact', 'status', 'placedAt', 'securedAt', 'cancel'],
      holdStatusLabels: {
        // 003:213-240: 順番待ち covers waiting and secured-but-in-transit; 確保済み = ready.
        waiting: { ja: '順番待ち', en: 'Waiting' },
        'in-transit': { ja: '順番待ち', en: 'Waiting (in transit)' },
        ready: { ja: '確保済み', en: 'Ready for pickup' },
      },
    },
  }),
  branches,
  pickupPoints: branches.map(counterOf),
  categories: DEFAULT_CATEGORIES,
  materialTypes: DEFAULT_MATERIAL_TYPES,
};
