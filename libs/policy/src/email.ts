import { EmailWarning, EmailWarnings } from './codes';
import { Localized, t } from './i18n';

export interface EmailCheck {
  /** false only when the text is not an address at all. */
  ok: boolean;
  /** Problems that make delivery unlikely; the form warns and lets the patron fix them. */
  warnings: { code: EmailWarning; message: Localized }[];
}

/**
 * Checks an e-mail address the way Japanese carriers treat them: addresses with
 * consecutive dots or a dot right before "@" are refused by the library's mail server
 * (seeds/002_…txt:71, seeds/004_…txt:198-200), and full-width characters never arrive.
 */
export function checkEmailAddress(input: string): EmailCheck {
  const s = (input ?? '').trim();
  const warnings: EmailCheck['warnings'] = [];
  if (/[^\x00-\x7F]/.test(s)) {
    warnings.push({
      code: EmailWarnings.FULLWIDTH,
      message: t('メールアドレスに全角文字が含まれています。', 'The address contains full-width characters.'),
    });
  }
  const at = s.lastIndexOf('@');
  const ok = at > 0 && at < s.length - 1 && !/\s/.test(s) && s.indexOf('@') === at && s.slice(at + 1).includes('.');
  if (!ok) {
    warnings.push({ code: EmailWarnings.FORMAT, message: t('メールアドレスの形式が正しくありません。', 'This is not an e-mail address.') });
  }
  if (s.includes('..')) {
    warnings.push({
      code: EmailWarnings.CONSECUTIVE_DOTS,
      message: t('「.」が連続するアドレスにはメールを送信できません。', 'Mail cannot be sent to addresses with consecutive dots.'),
    });
  }
  if (at > 0 && s[at - 1] === '.') {
    warnings.push({
      code: EmailWarnings.DOT_BEFORE_AT,
      message: t('「@」の直前に「.」があるアドレスにはメールを送信できません。', 'Mail cannot be sent to addresses with a dot right before "@".'),
    });
  }
  return { ok, warnings };
}
