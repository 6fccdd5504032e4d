/**
 * Readings of person names that kuromoji's IPA dictionary gets wrong (it reads names as
 * ordinary words: 萩原 ハギハラ, 太宰 治 ダザイ チ). A names dictionary comes before the
 * machine's guess (build-aozora.ts): first the whole name, then the family name.
 * Sources: the authors' entries in the Aozora Bunko person pages and standard references
 * (日本人名大辞典); only readings we are sure of.
 */

/** Whole names as Aozora writes them ("姓 名") → katakana reading, same spacing. */
export const PERSON_READINGS: Readonly<Record<string, string>> = {
  '萩原 朔太郎': 'ハギワラ サクタロウ',
  '岸田 国士': 'キシダ クニオ',
  '太宰 治': 'ダザイ オサム',
  '豊島 与志雄': 'トヨシマ ヨシオ',
  '海野 十三': 'ウンノ ジュウザ',
  '中谷 宇吉郎': 'ナカヤ ウキチロウ',
  '上村 松園': 'ウエムラ ショウエン',
  '菊池 寛': 'キクチ カン',
  '種田 山頭火': 'タネダ サントウカ',
  '桜間 中庸': 'サクラマ チュウヨウ',
  '上田 敏': 'ウエダ ビン',
  '横光 利一': 'ヨコミツ リイチ',
  '和辻 哲郎': 'ワツジ テツロウ',
  '長塚 節': 'ナガツカ タカシ',
  '島崎 藤村': 'シマザキ トウソン',
  '三遊亭 円朝': 'サンユウテイ エンチョウ',
  '斎藤 茂吉': 'サイトウ モキチ',
  '森 林太郎': 'モリ リンタロウ',
  '福沢 諭吉': 'フクザワ ユキチ',
  '泉 鏡太郎': 'イズミ キョウタロウ',
  '林 不忘': 'ハヤシ フボウ',
  '山村 暮鳥': 'ヤマムラ ボチョウ',
  '桑原 隲蔵': 'クワバラ ジツゾウ',
  '大倉 燁子': 'オオクラ テルコ',
  '内田 魯庵': 'ウチダ ロアン',
  '渡辺 温': 'ワタナベ オン',
  '南方 熊楠': 'ミナカタ クマグス',
  '古川 緑波': 'フルカワ ロッパ',
  '徳田 秋声': 'トクダ シュウセイ',
  '水上 滝太郎': 'ミナカミ タキタロウ',
  '土田 耕平': 'ツチダ コウヘイ',
  '蒲 松齢': 'ホ ショウレイ',
  '倉田 百三': 'クラタ ヒャクゾウ',
  '柳 宗悦': 'ヤナギ ムネヨシ',
  '鈴木 行三': 'スズキ コウゾウ',
  '中里 介山': 'ナカザト カイザン',
  '蒲原 有明': 'カンバラ アリアケ',
  '佐左木 俊郎': 'ササキ トシロウ',
  '木村 荘八': 'キムラ ショウハチ',
};

/** Family names read one way far more often than kuromoji's word reading. */
export const FAMILY_NAME_READINGS: Readonly<Record<string, string>> = {
  萩原: 'ハギワラ',
  福沢: 'フクザワ',
  徳田: 'トクダ',
  種田: 'タネダ',
  土田: 'ツチダ',
  和辻: 'ワツジ',
};
