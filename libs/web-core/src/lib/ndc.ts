/**
 * Names of the Nippon Decimal Classification (日本十進分類法 NDC, 新訂10版) as far as a patron
 * meets them in facets and on record pages: the 10 main classes (類), the 100 divisions (綱),
 * the sections of Japanese literature (910–919, most of a public library's fiction) and, for the
 * other literatures (920–989), the literary forms of NDC's common subdivision for literature
 * (文学共通区分 -1 詩歌 … -8 作品集). Japanese as the schedules word them (．→・), English as a
 * short gloss. Any other three-digit section is named by its division (see ndcLabel).
 */
type Names = readonly [ja: string, en: string];

const CLASSES: Record<string, Names> = {
  '0': ['総記', 'General works'],
  '1': ['哲学', 'Philosophy'],
  '2': ['歴史', 'History'],
  '3': ['社会科学', 'Social sciences'],
  '4': ['自然科学', 'Natural sciences'],
  '5': ['技術・工学', 'Technology'],
  '6': ['産業', 'Industry'],
  '7': ['芸術・美術', 'The arts'],
  '8': ['言語', 'Language'],
  '9': ['文学', 'Literature'],
};

const DIVISIONS: Record<string, Names> = {
  '00': ['総記', 'General works'],
  '01': ['図書館・図書館情報学', 'Libraries, library and information science'],
  '02': ['図書・書誌学', 'Books, bibliography'],
  '03': ['百科事典・用語索引', 'Encyclopaedias, indexes'],
  '04': ['一般論文集・一般講演集・雑著', 'General essays and lectures'],
  '05': ['逐次刊行物・一般年鑑', 'Serials, general yearbooks'],
  '06': ['団体・博物館', 'Organisations, museums'],
  '07': ['ジャーナリズム・新聞', 'Journalism, newspapers'],
  '08': ['叢書・全集・選集', 'Series, collected works'],
  '09': ['貴重書・郷土資料・その他の特別コレクション', 'Rare books, local and special collections'],
  '10': ['哲学', 'Philosophy'],
  '11': ['哲学各論', 'Topics in philosophy'],
  '12': ['東洋思想', 'Eastern thought'],
  '13': ['西洋哲学', 'Western philosophy'],
  '14': ['心理学', 'Psychology'],
  '15': ['倫理学・道徳', 'Ethics, morals'],
  '16': ['宗教', 'Religion'],
  '17': ['神道', 'Shinto'],
  '18': ['仏教', 'Buddhism'],
  '19': ['キリスト教・ユダヤ教', 'Christianity, Judaism'],
  '20': ['歴史・世界史・文化史', 'History, world history, cultural history'],
  '21': ['日本史', 'History of Japan'],
  '22': ['アジア史・東洋史', 'History of Asia'],
  '23': ['ヨーロッパ史・西洋史', 'History of Europe'],
  '24': ['アフリカ史', 'History of Africa'],
  '25': ['北アメリカ史', 'History of North America'],
  '26': ['南アメリカ史', 'History of South America'],
  '27': ['オセアニア史・両極地方史', 'History of Oceania and the polar regions'],
  '28': ['伝記', 'Biography'],
  '29': ['地理・地誌・紀行', 'Geography, travel'],
  '30': ['社会科学', 'Social sciences'],
  '31': ['政治', 'Politics'],
  '32': ['法律', 'Law'],
  '33': ['経済', 'Economics'],
  '34': ['財政', 'Public finance'],
  '35': ['統計', 'Statistics'],
  '36': ['社会', 'Society'],
  '37': ['教育', 'Education'],
  '38': ['風俗習慣・民俗学・民族学', 'Customs, folklore, ethnology'],
  '39': ['国防・軍事', 'Defence, military science'],
  '40': ['自然科学', 'Natural sciences'],
  '41': ['数学', 'Mathematics'],
  '42': ['物理学', 'Physics'],
  '43': ['化学', 'Chemistry'],
  '44': ['天文学・宇宙科学', 'Astronomy, space science'],
  '45': ['地球科学・地学', 'Earth sciences'],
  '46': ['生物科学・一般生物学', 'Biology'],
  '47': ['植物学', 'Botany'],
  '48': ['動物学', 'Zoology'],
  '49': ['医学・薬学', 'Medicine, pharmacy'],
  '50': ['技術・工学', 'Technology, engineering'],
  '51': ['建設工学・土木工学', 'Civil engineering'],
  '52': ['建築学', 'Architecture'],
  '53': ['機械工学・原子力工学', 'Mechanical and nuclear engineering'],
  '54': ['電気工学', 'Electrical engineering'],
  '55': ['海洋工学・船舶工学・兵器・軍事工学', 'Marine engineering, shipbuilding, weapons'],
  '56': ['金属工学・鉱山工学', 'Metallurgy, mining'],
  '57': ['化学工業', 'Chemical technology'],
  '58': ['製造工業', 'Manufacturing'],
  '59': ['家政学・生活科学', 'Home economics, daily life'],
  '60': ['産業', 'Industry'],
  '61': ['農業', 'Agriculture'],
  '62': ['園芸・造園', 'Horticulture, landscape gardening'],
  '63': ['蚕糸業', 'Sericulture'],
  '64': ['畜産業・獣医学', 'Animal husbandry, veterinary medicine'],
  '65': ['林業・狩猟', 'Forestry, hunting'],
  '66': ['水産業', 'Fisheries'],
  '67': ['商業', 'Commerce'],
  '68': ['運輸・交通・観光事業', 'Transport, tourism'],
  '69': ['通信事業', 'Communications'],
  '70': ['芸術・美術', 'The arts'],
  '71': ['彫刻・オブジェ', 'Sculpture'],
  '72': ['絵画・書・書道', 'Painting, calligraphy'],
  '73': ['版画・印章・篆刻・印譜', 'Prints, seals'],
  '74': ['写真・印刷', 'Photography, printing'],
  '75': ['工芸', 'Crafts'],
  '76': ['音楽・舞踊・バレエ', 'Music, dance'],
  '77': ['演劇・映画・大衆芸能', 'Theatre, film, popular entertainment'],
  '78': ['スポーツ・体育', 'Sports, physical education'],
  '79': ['諸芸・娯楽', 'Recreation, pastimes'],
  '80': ['言語', 'Language'],
  '81': ['日本語', 'Japanese language'],
  '82': ['中国語・その他の東洋の諸言語', 'Chinese and other Asian languages'],
  '83': ['英語', 'English language'],
  '84': ['ドイツ語・その他のゲルマン諸語', 'German and other Germanic languages'],
  '85': ['フランス語・プロバンス語', 'French, Provençal'],
  '86': ['スペイン語・ポルトガル語', 'Spanish, Portuguese'],
  '87': ['イタリア語・その他のロマンス諸語', 'Italian and other Romance languages'],
  '88': ['ロシア語・その他のスラブ諸語', 'Russian and other Slavic languages'],
  '89': ['その他の諸言語', 'Other languages'],
  '90': ['文学', 'Literature'],
  '91': ['日本文学', 'Japanese literature'],
  '92': ['中国文学・その他の東洋文学', 'Chinese and other Asian literatures'],
  '93': ['英米文学', 'English and American literature'],
  '94': ['ドイツ文学・その他のゲルマン文学', 'German and other Germanic literatures'],
  '95': ['フランス文学・プロバンス文学', 'French and Provençal literature'],
  '96': ['スペイン文学・ポルトガル文学', 'Spanish and Portuguese literature'],
  '97': ['イタリア文学・その他のロマンス文学', 'Italian and other Romance literatures'],
  '98': ['ロシア・ソビエト文学・その他のスラブ文学', 'Russian and other Slavic literatures'],
  '99': ['その他の諸言語文学', 'Literatures of other languages'],
};

const SECTIONS: Record<string, Names> = {
  '910': ['日本文学', 'Japanese literature'],
  '911': ['詩歌', 'Poetry'],
  '912': ['戯曲', 'Drama'],
  '913': ['小説・物語', 'Fiction'],
  '914': ['評論・エッセイ・随筆', 'Essays'],
  '915': ['日記・書簡・紀行', 'Diaries, letters, travel writing'],
  '916': ['記録・手記・ルポルタージュ', 'Reportage, memoirs'],
  '917': ['箴言・アフォリズム・寸言', 'Aphorisms'],
  '918': ['作品集', 'Collected works'],
  '919': ['漢詩文・日本漢文学', 'Chinese-style writing by Japanese authors'],
};

/** 文学共通区分: the third digit of 92x–98x (…3 小説・物語: 933 is English-language fiction). */
const LITERARY_FORMS: Record<string, Names> = {
  '1': ['詩歌', 'poetry'],
  '2': ['戯曲', 'drama'],
  '3': ['小説・物語', 'fiction'],
  '4': ['評論・エッセイ・随筆', 'essays'],
  '5': ['日記・書簡・紀行', 'diaries, letters, travel'],
  '6': ['記録・手記・ルポルタージュ', 'reportage'],
  '7': ['箴言・アフォリズム・寸言', 'aphorisms'],
  '8': ['作品集', 'collected works'],
};

export type NdcLang = 'ja' | 'en';

/**
 * The name of an NDC class, division or section (the first three digits count: 913.6 is named
 * as 913), or null when the code is none. A section without its own name in the table is named
 * by its literary form (933 英米文学：小説・物語) or by its division, marked as such (`exact: false`).
 */
export function ndcName(code: string | null | undefined, lang: NdcLang = 'ja'): { name: string; exact: boolean } | null {
  const digits = /^\d{1,3}/.exec(code ?? '')?.[0];
  if (!digits) return null;
  const i = lang === 'ja' ? 0 : 1;
  if (digits.length === 1) return { name: CLASSES[digits][i], exact: true };
  const division = DIVISIONS[digits.slice(0, 2)];
  if (digits.length === 2) return { name: division[i], exact: true };
  const section = SECTIONS[digits];
  if (section) return { name: section[i], exact: true };
  const form = /^9[2-8]$/.test(digits.slice(0, 2)) ? LITERARY_FORMS[digits[2]] : undefined;
  if (form) return { name: lang === 'ja' ? `${division[0]}：${form[0]}` : `${division[1]}: ${form[1]}`, exact: true };
  return { name: division[i], exact: false };
}

/**
 * How a patron reads an NDC code: 「913 小説・物語」, 「493（医学・薬学）」 for a section named by
 * its division; the code alone only when it is no NDC code at all.
 */
export function ndcLabel(code: string, lang: NdcLang = 'ja'): string {
  const n = ndcName(code, lang);
  if (!n) return code;
  return n.exact ? `${code} ${n.name}` : lang === 'ja' ? `${code}（${n.name}）` : `${code} (${n.name})`;
}
