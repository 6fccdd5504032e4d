import { defineErrors } from '../../engine/errors/domain-error';

/** The codes of regions, regional search (横断検索) and the region's courier (連絡車). */
export const RegionErrors = defineErrors({
  REGION_NOT_FOUND: { status: 404, ja: '指定された地域はありません。', en: 'No such region.' },
  REGION_CODE_TAKEN: { status: 409, ja: 'その地域コードは既に使われています。', en: 'A region with this code already exists.' },
  UNKNOWN_CITY: { status: 422, ja: '登録されていない図書館が含まれています。', en: 'Some of the given libraries do not exist.' },
  REGION_MEMBER_CONFLICT: {
    status: 422,
    ja: '同じ図書館を追加と削除の両方に指定することはできません。',
    en: 'A library cannot be both added and removed in one change.',
  },
  REGION_NO_MEMBERS: { status: 422, ja: '地域には少なくとも1つの図書館が必要です。', en: 'A region needs at least one member library.' },
  COURIER_INVALID: {
    status: 422,
    ja: '連絡車の時刻表に誤りがあります。各項目のエラーを確認してください。',
    en: 'The courier timetable has problems; see the errors of each field.',
  },
  COURIER_SAME_LIBRARY: { status: 422, ja: '発送館と到着館が同じです。', en: 'The sending and receiving libraries are the same.' },
  COURIER_UNKNOWN_LIBRARY: { status: 422, ja: 'この地域の加盟館の館（分館）ではありません。', en: 'Not a library (branch) of a member of this region.' },
  COURIER_NO_ROUTE: {
    status: 422,
    ja: 'この2館の両方に立ち寄る連絡車の便がありません（1年以内）。',
    en: 'No courier run calls at both libraries (within a year).',
  },
});
