import { counterOf, DEFAULT_CATEGORIES, DEFAULT_MATERIAL_TYPES, Preset, PresetBranch, presetPolicy } from './types';

/**
 * 北九州市 Kitakyushu — seeds/002_2411390b848746ba.txt. Line numbers in comments point there.
 *
 * The guide names no branch ("市内図書館"), so one central library stands in until the
 * admin console adds the real ones.
 */
const branches: PresetBranch[] = [
  { code: 'central', name: { ja: '中央図書館', en: 'Central Library' }, kind: 'library', askPickupPoint: false },
];

export const kitakyushuPreset: Preset = {
  slug: 'kitakyushu',
  name: { ja: '北九州市立図書館', en: 'Kitakyushu City Library' },
  theme: { primary: '#b3262f' },
  policy: presetPolicy('kitakyushu', {
    registration: {
      online: true, // 002:21-24 (ホームページ, 館内OPAC)
      channels: ['web', 'kiosk'], // 002:21
      termsRequired: true, // 002:24 利用条件に同意
      identityFields: ['birthDate', 'phone'], // 002:24: card number + birth date + registered phone
      noPhoneOnFileGoesToCounter: true, // 002:27
    },
    // 002:25: 6–20 half-width characters, case-sensitive, no half-width katakana. The line says
    // 半角数字 but also that upper and lower case differ; CITIES.md reads it as alphanumerics.
    password: { minLength: 6, maxLength: 20, classes: ['letters', 'digits'], caseSensitive: true, temporaryMustChange: true /* 002:27 */ },
    passwordReset: 'register-again', // 002:34-36
    cart: { requiresLogin: false }, // 002:43: the cart is temporary; login to see and reserve it
    holds: {
      reservable: 'any-loanable', // 002:44
      ownedOnly: true, // 002:44: owned by the city's libraries; others by paper request
      contactMethods: ['email', 'none'], // 002:45, 58: chosen per hold (e-mail or not)
      cancelAllowedIn: ['waiting'], // 002:47
      pickupChangeAllowedIn: ['waiting'], // 002:47
      cancelledVisibleDays: 14, // 002:46
      shelfDays: 7, // 002:48
      shelfCountFrom: 'notice-day', // 002:48: 連絡日の翌日から
      shelfExcludeClosedDays: true, // 002:48: 休館日を除き
      orderedSeries: true, // 002:49-52
    },
    email: { confirmation: 'notice' /* 002:80 */, warnUndeliverable: true /* 002:71 */, deletable: true /* 002:63 */ },
    renewal: {
      maxRenewals: 1, // 002:93
      basis: 'today', // 002:93: 延長処理した日から2週間
      periodDays: 14, // 002:93
      blockedByHolds: true, // 002:93
      blockedByOverdue: true, // 002:93 貸出期限内
      blockedByIll: true, // 002:93 市立図書館所蔵
    },
    notices: { holdReady: 'always' }, // 002:48, 57: by the contact method chosen per hold
    display: {
      holdStatusLabels: {
        // 002:47
        waiting: { ja: '予約中です', en: 'Waiting' },
        'in-transit': { ja: '取寄・準備中です', en: 'Being prepared' },
        ready: { ja: 'ご用意できました', en: 'Ready for pickup' },
      },
      queuePosition: 'estimate', // 002:51
      words: { cartRemove: { ja: '解除', en: 'Remove' } }, // 002:46 「解除」をクリック
    },
  }),
  branches,
  pickupPoints: branches.map(counterOf),
  categories: DEFAULT_CATEGORIES,
  materialTypes: DEFAULT_MATERIAL_TYPES,
};
