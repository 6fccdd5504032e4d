/**
 * Domain errors: services throw `DomainError(code)`; one global filter turns the code into
 * problem+json with its HTTP status and a Japanese and English message. Each module
 * declares its codes in its own `*.errors.ts` with `defineErrors`.
 */
export interface ErrorSpec {
  status: number;
  ja: string;
  en: string;
  /** Sent as `Retry-After` (seconds) with every answer of this code. */
  retryAfterSeconds?: number;
}

export interface FieldError {
  path: string;
  code?: string;
  message: string | { ja: string; en: string };
}

const registry = new Map<string, ErrorSpec>();

/**
 * Registers a module's codes. Each code has one owner: a code another module (or the policy
 * library) already declared fails at start-up, so one module's message can never silently
 * replace another's. A module that needs another's code imports that module's errors.
 */
export function defineErrors<T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, spec] of Object.entries(specs)) {
    if (registry.has(code)) throw new Error(`error code ${code} is declared twice: it has one owner; import that module's errors instead`);
    registry.set(code, spec);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return registry.get(code);
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? code);
  }
}

/** Codes every module may use. */
export const CommonErrors = defineErrors({
  VALIDATION: { status: 400, ja: '入力内容に誤りがあります。', en: 'The request has invalid fields.' },
  MALFORMED_JSON: { status: 400, ja: 'リクエストの形式が正しくありません（JSON）。', en: 'The request body is not valid JSON.' },
  PAYLOAD_TOO_LARGE: { status: 413, ja: '送信データが大きすぎます。', en: 'The request body is too large.' },
  NOT_FOUND: { status: 404, ja: '見つかりません。', en: 'Not found.' },
  TENANT_NOT_FOUND: { status: 404, ja: '指定された図書館（テナント）はありません。', en: 'No such library (tenant).' },
  TENANT_SUSPENDED: { status: 503, ja: 'この図書館のサービスは現在停止中です。', en: 'This library’s service is suspended.' },
  UNAUTHENTICATED: { status: 401, ja: 'ログインしてください。', en: 'Please sign in.' },
  FORBIDDEN: { status: 403, ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
  CSRF: { status: 403, ja: '画面を再読み込みしてからもう一度お試しください（CSRF）。', en: 'Reload the page and try again (CSRF token missing or wrong).' },
  RATE_LIMITED: { status: 429, ja: 'アクセスが集中しています。しばらくしてからお試しください。', en: 'Too many requests. Please try again later.' },
  CONFLICT: { status: 409, ja: '他の操作と競合しました。', en: 'The request conflicts with the current state.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, ja: '仮パスワードを変更してからご利用ください。', en: 'Change your temporary password first.' },
  // one answer for a wrong password, an unknown account and an attempt that must wait (issue #22)
  LOGIN_FAILED: {
    status: 401,
    ja: '利用者番号（またはID）かパスワードが違います。続けて間違えたときは、数分待ってからもう一度お試しください。',
    en: 'Wrong card number (or user name) or password. After several wrong tries, wait a few minutes before trying again.',
  },
  INTERNAL: { status: 500, ja: 'システムエラーが発生しました。', en: 'An internal error occurred.' },
});
