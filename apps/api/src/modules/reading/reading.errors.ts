import { defineErrors } from '../../engine/errors/domain-error';

export const ReadingErrors = defineErrors({
  FEATURE_OFF: { status: 403, ja: 'この図書館ではこの機能をご利用いただけません。', en: 'This library does not offer this feature.' },
  SHELF_NOT_FOUND: { status: 404, ja: '本棚が見つかりません。', en: 'No such shelf.' },
  SHELF_NAME_TAKEN: { status: 409, ja: '同じ名前の本棚があります。', en: 'A shelf with this name exists.' },
  FAVOURITES_FIXED: { status: 409, ja: 'お気に入りは削除・名前変更できません。', en: 'The favourites shelf cannot be renamed or deleted.' },
  NICKNAME_REQUIRED: { status: 422, ja: 'ニックネームを入力してください。', en: 'Please enter a nickname.' },
  TERMS_NOT_ACCEPTED: { status: 422, ja: '利用規約への同意が必要です。', en: 'Please accept the terms of use.' },
});
