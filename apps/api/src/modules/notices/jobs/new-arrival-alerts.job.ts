import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { PublicLinks } from '../../../engine/http/public-links';
import { alertsOffered, StoredAlertQuery, AlertsService } from '../../alerts';
import { PolicyStore } from '../../policy';
import { NoticesService } from '../notices.service';
import { byPatron, NoticeJob } from './notice-job';

/** Records listed per alert in one digest; the rest are counted as `more`. */
export const RECORDS_PER_ALERT = 20;
/**
 * Records newer than this are left for the next run: a record written by a transaction that
 * began before the run but commits after it carries an older `created_at` than the run's
 * check mark, and would otherwise be skipped for ever.
 */
export const SETTLE_MINUTES = 10;

/**
 * New-arrival alerts (新着お知らせ): for every saved search, the records added to the
 * catalogue since it was last checked that match it; one digest per patron and day
 * (`new-arrivals:<patron>:<day>`) with a section per alert. `saved_searches.last_checked_at`
 * moves on only when the digest was queued (or there was nothing to send), so nothing is
 * lost and nothing is sent twice.
 */
@Injectable()
export class NewArrivalAlertsJob implements NoticeJob {
  static readonly NAME = 'new-arrival-alerts';
  readonly name = NewArrivalAlertsJob.NAME;

  constructor(
    private readonly policies: PolicyStore,
    private readonly alerts: AlertsService,
    private readonly notices: NoticesService,
    private readonly links: PublicLinks,
  ) {}

  private recordUrl(id: string): string {
    return this.links.opacPage(`records/${encodeURIComponent(id)}`);
  }

  async forTenant(today: string) {
    const m = tenantManager();
    const { policy } = await this.policies.current();
    // the end of the library day being run, and never later than what has settled
    const [{ cutoff }] = await m.query(
      `SELECT LEAST(now() - make_interval(mins => $2), (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')) AS cutoff`,
      [today, SETTLE_MINUTES],
    );
    const saved: {
      id: string;
      patronId: string;
      name: string;
      query: StoredAlertQuery;
      lastCheckedAt: Date;
      email: string | null;
      patronName: string;
      status: string;
    }[] = await m.query(
      `SELECT s.id, s.patron_id AS "patronId", s.name, s.query, s.last_checked_at AS "lastCheckedAt",
              p.email, p.name AS "patronName", p.status
         FROM saved_searches s JOIN patrons p ON p.id = s.patron_id
        WHERE s.last_checked_at < $1
        ORDER BY s.patron_id, s.created_at, s.id
        FOR UPDATE OF s`,
      [cutoff],
    );
    const checked = (ids: string[]) => m.query(`UPDATE saved_searches SET last_checked_at = $2 WHERE id = ANY($1::uuid[])`, [ids, cutoff]);
    if (!alertsOffered(policy)) {
      // nothing is sent while the library has alerts off, and no backlog builds up for later
      if (saved.length) await checked(saved.map((s) => s.id));
      return { mode: policy.features.alerts ? policy.notices.newArrivalAlerts : 'feature-off', sent: 0 };
    }
    let sent = 0;
    let records = 0;
    for (const [patronId, alerts] of byPatron(saved)) {
      const ids = alerts.map((a) => a.id);
      const first = alerts[0];
      if (!first.email || first.status !== 'active') {
        await checked(ids);
        continue;
      }
      const sections = [];
      let total = 0;
      for (const a of alerts) {
        const found = await this.alerts.newRecords(a.query, a.lastCheckedAt, cutoff, RECORDS_PER_ALERT);
        if (!found.total) continue;
        total += found.total;
        sections.push({
          name: a.name,
          records: found.records.map((r) => ({ title: r.title, volume: r.volume, author: r.author, publisher: r.publisher, year: r.year, url: this.recordUrl(r.id) })),
          more: found.total - found.records.length,
        });
      }
      if (!sections.length) {
        await checked(ids);
        continue;
      }
      const queued = await this.notices.enqueue({
        kind: 'new-arrivals',
        to: first.email,
        patronId,
        data: { patron: { name: first.patronName }, alerts: sections, total },
        idempotencyKey: `new-arrivals:${patronId}:${today}`,
      });
      // today's digest already went out: these records wait for tomorrow's
      if (!queued) continue;
      await checked(ids);
      sent++;
      records += total;
    }
    return { mode: policy.notices.newArrivalAlerts, sent, records };
  }
}
