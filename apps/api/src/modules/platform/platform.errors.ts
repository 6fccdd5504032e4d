import { defineErrors } from '../../engine/errors/domain-error';

export const PlatformErrors = defineErrors({
  TENANT_EXISTS: { status: 409, ja: 'そのスラッグの図書館は既にあります。', en: 'A tenant with this slug already exists.' },
  UNKNOWN_PRESET: { status: 422, ja: '指定されたプリセットはありません。', en: 'No such preset.' },
  STAFF_EXISTS: { status: 409, ja: 'そのユーザー名の職員は既に登録されています。', en: 'A staff member with this user name already exists.' },
  WEAK_STAFF_PASSWORD: { status: 422, ja: '職員のパスワードは10文字以上にしてください。', en: 'Staff passwords need at least 10 characters.' },
  STAFF_NOT_FOUND: { status: 404, ja: '職員アカウントが見つかりません。', en: 'No such staff account.' },
  LAST_PLATFORM_ADMIN: {
    status: 409,
    ja: '有効な広域管理者が他にいないため、このアカウントは無効にできません。先に別の広域管理者を用意してください。',
    en: 'This is the last active platform admin, so it cannot be disabled. Set up another platform admin first.',
  },
  /** Four eyes: a platform admin cannot disable the account they are signed in with. */
  CANNOT_DISABLE_SELF: {
    status: 409,
    ja: '自分のアカウントは無効にできません。別の広域管理者に依頼してください。',
    en: 'You cannot disable your own account. Ask another platform admin to do it.',
  },
  NOT_A_CLUSTER: {
    status: 409,
    ja: 'このデータベースは Citus クラスタではないため、図書館をノード間で移せません。',
    en: 'This database is not a Citus cluster, so a library cannot be moved between nodes.',
  },
  NODE_NOT_FOUND: { status: 404, ja: '指定されたワーカーノードがありません（稼働中のワーカーを指定してください）。', en: 'No such worker node (name an active worker).' },
  STAFF_CURRENT_PASSWORD_WRONG: { status: 422, ja: '現在のパスワードが違います。', en: 'The current password is wrong.' },
  STAFF_PASSWORD_UNCHANGED: {
    status: 422,
    ja: '新しいパスワードは現在（仮パスワード）と異なるものにしてください。',
    en: 'Choose a new password different from the current (temporary) one.',
  },
});
