/**
 * Readings of titles that kuromoji's IPA dictionary gets wrong (it reads a title word by word:
 * 山月記 ヤマツキキ, 杜子春 モリコハル, 金色夜叉 キンイロヤシャ). Used by build-aozora.ts before
 * the machine's guess, as person-readings.ts is for names. Only readings we are sure of: the
 * works' readings as Japanese library catalogues give them (pronunciation, not historical
 * kana: 生れ出づる悩み ウマレイズル ナヤミ).
 */

/**
 * Words read the same wherever they stand in a title (山月記 in 「山月記・李陵」): the reading
 * kuromoji gives the word alone is replaced in the title's reading. Two characters or more,
 * and no word that reads differently elsewhere.
 */
export const TITLE_WORD_READINGS: Readonly<Record<string, string>> = {
  山月記: 'サンゲツキ',
  杜子春: 'トシシュン',
  檸檬: 'レモン',
  智恵子抄: 'チエコショウ',
  山椒大夫: 'サンショウダユウ',
  高野聖: 'コウヤヒジリ',
  婦系図: 'オンナケイズ',
  或る女: 'アルオンナ',
  駈込み訴え: 'カケコミウッタエ',
  或阿呆の一生: 'アルアホウノイッショウ',
  戯作三昧: 'ゲサクザンマイ',
  枯野抄: 'カレノショウ',
  一房の葡萄: 'ヒトフサノブドウ',
  生れ出づる悩み: 'ウマレイズルナヤミ',
  城の崎にて: 'キノサキニテ',
  金色夜叉: 'コンジキヤシャ',
  不如帰: 'ホトトギス',
  彼岸過迄: 'ヒガンスギマデ',
  耳無芳一: 'ミミナシホウイチ',
  一握の砂: 'イチアクノスナ',
  悲しき玩具: 'カナシキガング',
  みだれ髪: 'ミダレガミ',
  葉桜と魔笛: 'ハザクラトマテキ',
  富嶽百景: 'フガクヒャッケイ',
  夜叉ヶ池: 'ヤシャガイケ',
  歌行燈: 'ウタアンドン',
  夫婦善哉: 'メオトゼンザイ',
  安城家の兄弟: 'アンジョウケノキョウダイ',
  大導寺信輔: 'ダイドウジシンスケ',
  奉教人の死: 'ホウキョウニンノシ',
  玄鶴山房: 'ゲンカクサンボウ',
};

/** Whole titles whose words read differently elsewhere (雁 is カリ in other titles). */
export const TITLE_READINGS: Readonly<Record<string, string>> = {
  雁: 'ガン',
  浮雲: 'ウキグモ',
  手巾: 'ハンケチ',
  牛肉と馬鈴薯: 'ギュウニクトバレイショ', // 馬鈴薯 is ジャガイモ in other titles
};
