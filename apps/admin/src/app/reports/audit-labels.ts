import type { Localized } from '@shiori/policy';

const l = (ja: string, en: string): Localized => ({ ja, en });

/** What each recorded action is called at the library (操作履歴 shows these, not `loan.checkin`). */
export const AUDIT_ACTION_LABELS: Record<string, Localized> = {
  'loan.checkout': l('貸出', 'Check-out'),
  'loan.checkin': l('返却', 'Check-in'),
  'loan.renew': l('延長', 'Renewal'),
  'hold.place': l('予約受付', 'Hold placed'),
  'hold.cancel': l('予約取消', 'Hold cancelled'),
  'patron.create': l('利用者登録', 'Patron registered'),
  'patron.update': l('利用者情報の変更', 'Patron updated'),
  'patron.renew-card': l('カードの更新', 'Card renewed'),
  'patron.temporary-password': l('仮パスワードの発行', 'Temporary password issued'),
  'policy.update': l('運用ルールの変更', 'Rules changed'),
  'record.create': l('書誌の登録', 'Record created'),
  'record.update': l('書誌の修正', 'Record updated'),
  'record.withdraw': l('書誌の除籍', 'Record withdrawn'),
  'item.create': l('所蔵の登録', 'Copy added'),
  'import.start': l('取込の開始', 'Import started'),
  'import.finish': l('取込の完了', 'Import finished'),
  'import.interrupted': l('取込の中断', 'Import interrupted'),
  'branch.create': l('館の追加', 'Branch added'),
  'branch.update': l('館の変更', 'Branch changed'),
  'branch.deactivate': l('館の休止', 'Branch closed'),
  'branch.delete': l('館の削除', 'Branch deleted'),
  'pickup-point.create': l('受取場所の追加', 'Pickup point added'),
  'pickup-point.update': l('受取場所の変更', 'Pickup point changed'),
  'pickup-point.deactivate': l('受取場所の休止', 'Pickup point closed'),
  'pickup-point.delete': l('受取場所の削除', 'Pickup point deleted'),
  'closed-day.create': l('休館日の追加', 'Closed day added'),
  'closed-day.delete': l('休館日の削除', 'Closed day removed'),
  'closed-day.holidays': l('祝日の取込', 'Holidays added'),
  'list.create': l('おすすめリストの作成', 'List created'),
  'list.update': l('おすすめリストの変更', 'List changed'),
  'list.delete': l('おすすめリストの削除', 'List deleted'),
  'news.create': l('お知らせの掲載', 'News posted'),
  'news.update': l('お知らせの変更', 'News changed'),
  'news.delete': l('お知らせの削除', 'News deleted'),
  'notice-template.save': l('通知文面の変更', 'Notice wording saved'),
  'notice-template.reset': l('通知文面を既定に戻す', 'Notice wording reset'),
  'outbox.retry': l('メールの再送', 'Mail resent'),
  'job.run': l('処理の手動実行', 'Job run by hand'),
  'self-check-machine.create': l('自動貸出機の登録', 'Self-check machine added'),
  'self-check-machine.update': l('自動貸出機の変更', 'Self-check machine changed'),
  'self-check-machine.delete': l('自動貸出機の削除', 'Self-check machine removed'),
  'self-check-machine.password': l('自動貸出機のパスワード発行', 'Self-check machine password issued'),
};

/** Names of the fields that say which book or patron a record is about, in the order shown. */
const SUBJECT_FIELDS: { key: string; label: Localized; quote?: boolean }[] = [
  { key: 'title', label: l('', ''), quote: true },
  { key: 'itemBarcode', label: l('資料番号', 'item') },
  { key: 'cardNumber', label: l('利用者番号', 'card') },
  { key: 'patronCard', label: l('利用者番号', 'card') },
  { key: 'name', label: l('', ''), quote: true },
];

/** The action in the library's words; an action not listed yet keeps its code rather than vanish. */
export function auditActionLabel(action: string, lang: 'ja' | 'en'): string {
  return AUDIT_ACTION_LABELS[action]?.[lang] ?? action;
}

/** 「銀河鉄道の夜」 資料番号 B0001 — what the record is about, from its recorded values. */
export function auditSubject(before: unknown, after: unknown, lang: 'ja' | 'en'): string {
  const pick = (key: string): unknown => {
    for (const v of [after, before]) if (v && typeof v === 'object' && key in v) return (v as Record<string, unknown>)[key];
    return undefined;
  };
  const parts: string[] = [];
  for (const f of SUBJECT_FIELDS) {
    const v = pick(f.key);
    if (typeof v !== 'string' || !v) continue;
    if (f.quote) parts.push(lang === 'ja' ? `「${v}」` : `“${v}”`);
    else parts.push(`${f.label[lang]} ${v}`);
  }
  return parts.join(' ');
}
