import { defineErrors } from '../../engine/errors/domain-error';

export const PlatformErrors = defineErrors({
  TENANT_EXISTS: { status: 409, ja: 'そのスラッグの図書館は既にあります。', en: 'A tenant with this slug already exists.' },
  UNKNOWN_PRESET: { status: 422, ja: '指定されたプリセットはありません。', en: 'No such preset.' },
  STAFF_EXISTS: { status: 409, ja: 'そのユーザー名の職員は既に登録されています。', en: 'A staff member with this user name already exists.' },
  WEAK_STAFF_PASSWORD: { status: 422, ja: '職員のパスワードは10文字以上にしてください。', en: 'Staff passwords need at least 10 characters.' },
});
