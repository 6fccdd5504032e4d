import { defineErrors } from '../../engine/errors/domain-error';

export const PolicyAdminErrors = defineErrors({
  POLICY_INVALID: { status: 422, ja: 'ポリシーの内容に誤りがあります。', en: 'The policy is invalid.' },
  POLICY_VERSION_NOT_FOUND: { status: 404, ja: '指定された版はありません。', en: 'No such policy version.' },
  BRANCH_EXISTS: { status: 409, ja: 'その館コードは既に使われています。', en: 'A branch with this code already exists.' },
  BRANCH_NOT_FOUND: { status: 422, ja: '指定された館はありません。', en: 'No such branch.' },
  PICKUP_POINT_EXISTS: { status: 409, ja: 'その受取場所コードは既に使われています。', en: 'A pickup point with this code already exists.' },
  PICKUP_POINT_NOT_FOUND: { status: 404, ja: '指定された受取場所はありません。', en: 'No such pickup point.' },
  CLOSED_DAY_EXISTS: { status: 409, ja: 'その日は既に休館日です。', en: 'That day is already a closed day.' },
});
