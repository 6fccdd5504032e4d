import { defineErrors } from '../../engine/errors/domain-error';

/** Codes of 相互貸借 (interlibrary loans between the cities of a region). */
export const IllErrors = defineErrors({
  ILL_REQUEST_NOT_FOUND: { status: 404, ja: 'その相互貸借の依頼はありません。', en: 'No such interlibrary loan request.' },
  ILL_LENDER_UNKNOWN: { status: 422, ja: '指定された貸出館（市）はありません。', en: 'No such lending city.' },
  ILL_SAME_CITY: { status: 422, ja: '自館の資料は相互貸借で依頼できません。', en: 'A city cannot request an interlibrary loan from itself.' },
  ILL_LENDER_UNAVAILABLE: { status: 409, ja: '貸出館は現在利用を停止しています。', en: 'The lending city is suspended at present.' },
  ILL_NOT_IN_REGION: {
    status: 403,
    ja: '相互貸借は同じ地域（圏域）に加盟している市の間でだけ依頼できます。',
    en: 'Interlibrary loans are requested only between cities of the same region.',
  },
  ILL_RECORD_NOT_FOUND: { status: 404, ja: '貸出館にその資料（貸出できる所蔵）はありません。', en: 'The lending city has no lendable copy of that record.' },
  ILL_WRONG_STATUS: { status: 409, ja: 'この依頼は現在の状態ではその操作ができません。', en: 'The request is not in a state that allows this.' },
  ILL_ITEM_NOT_OF_REQUEST: { status: 422, ja: 'その資料番号は依頼された資料の所蔵ではありません。', en: 'That barcode is not a copy of the requested record.' },
  ILL_ITEM_NOT_AVAILABLE: {
    status: 409,
    ja: 'その所蔵は書架にないか、貸出できないか、予約のために確保されています。',
    en: 'That copy is not on the shelf, not lendable, or held for a hold.',
  },
  ITEM_ON_ILL: { status: 409, ja: 'この資料は相互貸借で他市に貸し出すため確保されています。', en: 'This copy is set aside for an interlibrary loan to another city.' },
  ILL_UNKNOWN_BARCODE: {
    status: 404,
    ja: 'その資料番号は相互貸借の資料にも、圏域の他市の貸出にも見つかりません。',
    en: 'That barcode matches no interlibrary loan and no loan of another city of the region.',
  },
  ILL_LOCAL_ITEM: { status: 409, ja: 'これは当館の資料です。通常の返却処理をしてください。', en: 'This is a copy of this library: check it in at the desk.' },
  ILL_RETURN_AMBIGUOUS: {
    status: 409,
    ja: '同じ資料番号の資料が複数の市にあります。貸出館を指定してください。',
    en: 'Several cities have a copy with this barcode: name the lending city.',
  },
  ILL_PATRONS_MAY_NOT_ASK: {
    status: 403,
    ja: 'この市の図書館からの取り寄せは、利用者からは申し込めません。図書館のカウンターでご相談ください。',
    en: 'Patrons cannot ask for interlibrary loans from this city themselves: ask at the library’s counter.',
  },
  ILL_HELD_HERE: {
    status: 409,
    ja: 'この資料は当館にあります。取り寄せではなく、当館の資料を予約してください。',
    en: 'This library has this title: place a hold on its copy instead.',
  },
  ILL_ALREADY_ASKED: {
    status: 409,
    ja: 'この資料はすでに取り寄せを申し込んでいます。',
    en: 'You have already asked for this title.',
  },
});
