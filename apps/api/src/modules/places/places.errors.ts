import { defineErrors } from '../../engine/errors/domain-error';

/** The codes of the city's places: branches, pickup points, the bookmobile, closed days. */
export const PlacesErrors = defineErrors({
  BRANCH_EXISTS: { status: 409, ja: 'その館コードは既に使われています。', en: 'A branch with this code already exists.' },
  /**
   * A branch named in a body (a pickup point's, a copy's, a closed day's) is unknown: 422. The
   * DELETE of an unknown branch answers the same code with status 404 (`extra.status`).
   */
  BRANCH_NOT_FOUND: { status: 422, ja: '指定された館はありません。', en: 'No such branch.' },
  BRANCH_IN_USE: {
    status: 409,
    ja: '資料・貸出・予約で使われている館、または最後の使用中の館は削除できません。',
    en: 'A branch that copies, loans or holds still use, or the last branch in use, cannot be deleted.',
  },
  PICKUP_POINT_EXISTS: { status: 409, ja: 'その受取場所コードは既に使われています。', en: 'A pickup point with this code already exists.' },
  PICKUP_POINT_NOT_FOUND: { status: 404, ja: '指定された受取場所はありません。', en: 'No such pickup point.' },
  PICKUP_POINT_IN_USE: {
    status: 409,
    ja: '予約で使われている受取場所は削除できません。受取が済むか取り消されてから削除するか、使用を停止してください。',
    en: 'A pickup point that holds still use cannot be deleted. Delete it once they are collected or cancelled, or take it out of use.',
  },
  PICKUP_POINT_BRANCH_IN_USE: {
    status: 409,
    ja: '回送中または取置中の予約がある受取場所は、所属する館を変更できません。',
    en: 'The branch of a pickup point cannot change while holds are in transit to it or waiting on its shelf.',
  },
  BOOKMOBILE_NOT_FOUND: { status: 404, ja: '指定された図書館バスはありません。', en: 'No such bookmobile.' },
  STATION_NOT_FOUND: { status: 404, ja: '指定されたステーションはありません。', en: 'No such bookmobile station.' },
  /** A timetable the policy library refuses; `errors` names each field (TIMETABLE_TIME, TIMETABLE_OVERLAP…). */
  TIMETABLE_INVALID: { status: 422, ja: '巡回表に誤りがあります。', en: 'The timetable has errors.' },
  CLOSED_DAY_EXISTS: { status: 409, ja: 'その日は既に休館日です。', en: 'That day is already a closed day.' },
});
