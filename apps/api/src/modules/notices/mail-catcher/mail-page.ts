/** The demo mail catcher's page: received mails, newest first (Japanese UI). Pure: builds HTML. */
export interface CaughtMail {
  id: number;
  receivedAt: Date;
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId?: string;
}

const time = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'medium' });

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escapes the text, then makes http(s) links clickable (reset and confirmation links in the demo). */
function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);
}

export function mailPage(mails: CaughtMail[], smtpAddress: string): string {
  const rows = mails
    .map(
      (m) => `
  <article>
    <header>
      <h2>${escapeHtml(m.subject || '（件名なし）')}</h2>
      <dl>
        <dt>受信日時</dt><dd><time datetime="${m.receivedAt.toISOString()}">${escapeHtml(time.format(m.receivedAt))}</time></dd>
        <dt>宛先</dt><dd>${escapeHtml(m.to)}</dd>
        <dt>差出人</dt><dd>${escapeHtml(m.from)}</dd>
      </dl>
    </header>
    <pre>${linkify(m.text)}</pre>
  </article>`,
    )
    .join('\n');
  return page(
    '受信メール（デモ）— 栞 Shiori',
    `<h1>受信メール（デモ用メールキャッチャー）</h1>
  <p class="note">デモモードでは図書館からのメールは外部に送られず、ここに届きます（SMTP ${escapeHtml(smtpAddress)}）。新しいものが上です。全${mails.length}件。</p>
  <p class="actions"><a href="./">最新の状態に更新</a> ・ <a href="./messages.json">JSON</a></p>
  ${mails.length ? rows : '<p>まだメールは届いていません。</p>'}`,
  );
}

/**
 * What someone who is not the signed-in regional admin sees at `/mail/` (401, or 403 when
 * signed in as someone else): why, and where to sign in, in Japanese and English.
 */
export function signInPage(reason: 'sign-in' | 'not-regional-admin'): string {
  const why =
    reason === 'sign-in'
      ? ['このページを見るには、広域管理者としてのサインインが必要です。', 'Sign in as the regional admin to see this page.']
      : ['このページは広域管理者だけが見られます。いまのサインインは広域管理者ではありません。', 'Only the regional admin may see this page; you are signed in as someone else.'];
  return page(
    'サインインが必要です — 受信メール（デモ）— 栞 Shiori',
    `<h1>受信メール（デモ用メールキャッチャー）</h1>
  <p>${why[0]}各市の利用者に届いたメール（パスワード再設定のリンクを含みます）が表示されるためです。</p>
  <p class="actions"><a href="/admin/">管理画面で広域管理者としてサインインする</a>（ユーザー名 admin）。サインインしたら、<a href="./">このページを開き直してください</a>。</p>
  <p lang="en">${why[1]} It shows the mail every city's patrons were sent, password-reset links included.
  <a href="/admin/">Sign in to the admin console as the regional admin</a> (user admin), then <a href="./">open this page again</a>.</p>`,
  );
}

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, "Noto Sans JP", sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1a1a1a; background: #fafafa; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  p.note { margin: 0 0 1rem; color: #444; }
  article { background: #fff; border: 1px solid #ccc; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; }
  h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: 0 0 .5rem; font-size: .9rem; }
  dt { font-weight: bold; color: #333; }
  dd { margin: 0; }
  pre { white-space: pre-wrap; word-break: break-word; font: inherit; background: #f4f4f4; padding: .5rem; margin: 0; }
  a { color: #0645ad; }
  .actions { margin: 0 0 1rem; }
</style>
</head>
<body>
<main>
  ${main}
</main>
</body>
</html>`;
}
