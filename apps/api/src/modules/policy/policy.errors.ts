import { defineErrors } from '../../engine/errors/domain-error';

/** The codes of the city's policy (its versions). */
export const PolicyErrors = defineErrors({
  POLICY_VERSION_NOT_FOUND: { status: 404, ja: '指定された版はありません。', en: 'No such policy version.' },
});
