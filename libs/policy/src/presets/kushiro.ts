import {
  counterOf,
  DEFAULT_CATEGORIES,
  DEFAULT_MATERIAL_TYPES,
  Preset,
  PresetBranch,
  PresetPickupPoint,
  presetPolicy,
} from './types';

/**
 * 釧路市 Kushiro — seeds/001_5525837cde6db949.txt. Line numbers in comments point there.
 */
const branches: PresetBranch[] = [
  // 001:12-17
  { code: 'central', name: { ja: '中央図書館', en: 'Central Library' }, kind: 'library', askPickupPoint: true },
  { code: 'onbetsu', name: { ja: '音別町ふれあい図書館', en: 'Onbetsu Fureai Library' }, kind: 'library', askPickupPoint: false },
  { code: 'akan', name: { ja: '阿寒町公民館図書室', en: 'Akan Community Hall Library' }, kind: 'library', askPickupPoint: false },
  { code: 'seibu', name: { ja: '西部地区図書館', en: 'Western District Library' }, kind: 'library', askPickupPoint: false },
  { code: 'tobu', name: { ja: '東部地区図書館', en: 'Eastern District Library' }, kind: 'library', askPickupPoint: false },
  { code: 'chubu', name: { ja: '中部地区図書館', en: 'Chubu District Library' }, kind: 'library', askPickupPoint: false },
  // 001:111-120: the library bus, picked as a pickup "library" (釧路BM), then a station.
  { code: 'bm', name: { ja: '図書館バス（釧路BM）', en: 'Library Bus (Kushiro BM)' }, kind: 'bookmobile', askPickupPoint: true },
];

/**
 * Bookmobile stations in the order of the seed's list (001:114), one of them listed twice
 * there. The seed has no timetable, so none is set; the admin console adds it. The names
 * are kept as the seed writes them; English names are readings.
 */
const STATIONS: [string, string][] = [
  ['山花小・中学校', 'Yamahana Elementary and Junior High School'],
  ['イオン御園店', 'AEON Misono'],
  ['つくばエクスプレス', 'Tsukuba Express'],
  ['白樺まほろば学園', 'Shirakaba Mahoroba Gakuen'],
  ['アークス鳥取大通店', 'Arcs Tottori-odori'],
  ['第1種ちゃん保育園', 'Daiichi Shu-chan Nursery School'],
  ['緑町スピードスクエア', 'Midori-cho Speed Square'],
  ['ジョーワ・創路文化ホール', 'Jowa Soji Culture Hall'],
  ['駒場公園', 'Komaba Park'],
  ['春日公園', 'Kasuga Park'],
  ['光陽児童館', 'Koyo Children’s Center'],
  ['はしごの字園', 'Hashigonoji-en'],
  ['道草新園士団地', 'Michikusa Shin-enshi Housing'],
  ['最が瀬老人福祉センタ', 'Saigase Senior Welfare Center'],
  ['大栗毛緑田ストア', 'Okurige Midorita Store'],
  ['大栗毛小学校', 'Okurige Elementary School'],
  ['春保支所', 'Haruho Branch Office'],
  ['生涯学習センター', 'Lifelong Learning Center'],
];

const central = branches[0];
const pickupPoints: PresetPickupPoint[] = [
  // 001:101-109, 125: at the central library the patron picks 窓口受取 or 予約取置室.
  {
    ...counterOf(central),
    name: { ja: '中央図書館 窓口受取', en: 'Central Library counter' },
    note: { ja: '予約本受取窓口は4階です。', en: 'The hold pickup counter is on the 4th floor.' }, // 001:109
  },
  {
    code: 'central-locker',
    name: { ja: '中央図書館 予約取置室', en: 'Central Library hold locker room' },
    kind: 'locker',
    branchCode: 'central',
    note: {
      // 001:125-127
      ja: '4階。利用者カードとログイン時のパスワードが必要です。予約照会機で、予約本がどの棚にあるか確認できます。予約取置室を指定しても窓口での受け取りになる場合があります。',
      en: '4th floor. Bring your card and web password; the lookup terminal shows which shelf holds your items. Items may sometimes be handed over at the counter instead.',
    },
  },
  ...branches.filter((b) => b.kind === 'library' && b !== central).map(counterOf),
  ...STATIONS.map(
    ([ja, en], i): PresetPickupPoint => ({
      code: `bm-${String(i + 1).padStart(2, '0')}`,
      name: { ja, en },
      kind: 'bookmobile-station',
      branchCode: 'bm',
      timetable: [],
    }),
  ),
];

export const kushiroPreset: Preset = {
  slug: 'kushiro',
  name: { ja: '釧路市中央図書館', en: 'Kushiro City Library' },
  theme: { primary: '#1d4e89' },
  policy: presetPolicy('kushiro', {
    // 001:78-81, 144: cards issued before Feb 2018 start with "A"; patrons type the digits only.
    card: { strippedPrefixes: ['A'] },
    // 001:19, 85: passwords are registered at the counter only.
    registration: { online: false },
    // 001:180-181: forgotten password = reset by registered e-mail, else the counter.
    passwordReset: 'email-link',
    // 001:181 (no reset on the in-library OPAC), 001:193-194 (no booklist/alerts there either).
    kiosk: { passwordReset: false, personalFeatures: false },
    // 001:70-73: adding to the cart asks for login first.
    cart: { requiresLogin: true },
    holds: {
      reservable: 'any-loanable', // 001:51
      contactMethods: ['none', 'email'], // 001:120 (不要かメールのみ)
      walkInPriority: true, // 001:124
      shelfDays: 7, // 001:120
      shelfCountFrom: 'secured-day', // 001:120
      cancelAllowedIn: ['waiting'], // 001:131
      cancelOnlyUnallocated: true, // 001:131: not after the hold is secured
      cancelOnlineForCounterHolds: false, // 001:131: counter requests are cancelled at the counter
      // 001:118: 予約種別 "chooses the kind of hold" (the choices are behind an (i) the guide does
      // not reproduce); taken as 通常予約 / 順番予約, the kind a Japanese OPAC offers there
      orderedSeries: true,
    },
    display: { holdKindChoice: true }, // 001:118 予約種別 with its (i)
    renewal: {
      maxRenewals: 1, // 001:168
      basis: 'due-date', // 001:164
      periodDays: 14, // 001:164
      blockedByHolds: true, // 001:168 (延長不可)
      blockedByOverdue: true, // 001:169
      overdueRenewableAtCounter: true, // 001:170: counter or phone instead
    },
    features: {
      bookshelves: true, // 001:191 ブックリスト
      customShelves: true, // 001:210 カテゴリ管理
      readMarks: true, // 001:212 読了・読みたい本
      readingHistory: true, // 001:204-208: auto-record from the setting on
      readingHistoryNeedsNickname: true, // 001:200
      readingHistoryNeedsTerms: true, // 001:200
      publicBookshelves: false, // 001:206
      alerts: true, // 001:214-223
    },
    notices: {
      holdPlaced: 'opt-in', // 001:107, 116, 120: 予約内容のメール送信 yes/no per hold
      newArrivalAlerts: 'opt-in', // 001:222-223
      cardExpiry: 'always', // 001:229
    },
    cardValidity: {
      months: 12, // 001:227
      renewAtCounterWithId: true, // 001:229
      blocksWebWhenExpired: true, // 001:233
      blocksSelfCheckoutWhenExpired: true, // 001:233
    },
  }),
  branches,
  pickupPoints,
  categories: DEFAULT_CATEGORIES,
  materialTypes: DEFAULT_MATERIAL_TYPES,
};
