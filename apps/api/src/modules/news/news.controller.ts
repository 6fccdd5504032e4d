import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { NewsItem, NewsList } from '@shiori/contracts';
import { tenantManager } from '@shiori/tenancy';
import { AuditService } from '../../engine/audit/audit.service';
import { Public, Staff } from '../../engine/auth/auth.decorators';
import { columnsSql } from '../../engine/database/sql';
import { DomainError } from '../../engine/errors/domain-error';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import { NewsDto, NewsQueryDto } from './dto/news.dto';

const COLUMNS = columnsSql<NewsItem>({
  id: 'id',
  kind: 'kind',
  title: 'title',
  body: 'body',
  eventDate: `to_char(event_date,'YYYY-MM-DD')`,
  branchCode: 'branch_code',
  publishedAt: 'published_at',
});

/** Library news and the events calendar for the OPAC home (Koga shows its events calendar). */
@ApiTags('news and events')
@Controller('t/:slug')
export class NewsController {
  constructor(private readonly audit: AuditService) {}

  /** Public: latest news, and events from `from` to `to` (default: this month and the next two). */
  @Public() @Get('news') @ApiAnswer('NewsList')
  async list(@Res({ passthrough: true }) res: Response, @Query() { kind, from, to }: NewsQueryDto): Promise<NewsList> {
    res.setHeader('Cache-Control', 'public, max-age=60');
    const m = tenantManager();
    const news: NewsItem[] = kind === 'event' ? [] : await m.query(`SELECT ${COLUMNS} FROM news WHERE kind = 'news' ORDER BY published_at DESC LIMIT 20`);
    const events: NewsItem[] =
      kind === 'news'
        ? []
        : await m.query(
            `SELECT ${COLUMNS} FROM news WHERE kind = 'event'
               AND event_date >= coalesce($1::date, date_trunc('month', now())::date)
               AND event_date <= coalesce($2::date, (date_trunc('month', now()) + interval '3 months')::date)
             ORDER BY event_date`,
            [from ?? null, to ?? null],
          );
    return { news, events };
  }

  /** Every news item and event, past ones included, for editing (not cached). */
  @Staff() @Get('admin/news') @ApiAnswer(['NewsItem'])
  async all(): Promise<NewsItem[]> {
    return tenantManager().query(`SELECT ${COLUMNS} FROM news ORDER BY coalesce(event_date::timestamptz, published_at) DESC`);
  }

  @Staff() @Post('admin/news') @ApiAnswer('NewsItem')
  async create(@Body() body: NewsDto): Promise<NewsItem> {
    if (body.kind === 'event' && !body.eventDate) throw new DomainError('VALIDATION', undefined, [{ path: 'eventDate', message: 'an event needs a date' }]);
    const m = tenantManager();
    const [{ id }] = await m.query(`INSERT INTO news (kind, title, body, event_date, branch_code) VALUES ($1,$2,$3,$4,$5) RETURNING id`, [
      body.kind,
      body.title,
      body.body ?? '',
      body.eventDate ?? null,
      body.branchCode ?? null,
    ]);
    const row = (await this.read(id))!;
    await this.audit.record('news.create', 'news', row.id, null, row);
    return row;
  }

  /**
   * One item as the API shows it. Writes return only the id and the row is read back: its
   * columns format the event date with to_char, which Citus allows in a SELECT but not in a
   * write's RETURNING.
   */
  private async read(id: string): Promise<NewsItem | undefined> {
    const [row] = await tenantManager().query(`SELECT ${COLUMNS} FROM news WHERE id = $1`, [id]);
    return row;
  }

  @Staff() @Put('admin/news/:id') @ApiAnswer('NewsItem')
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: NewsDto): Promise<NewsItem> {
    const m = tenantManager();
    const before = await this.read(id);
    if (!before) throw new DomainError('NOT_FOUND');
    await m.query(`UPDATE news SET kind=$2, title=$3, body=$4, event_date=$5, branch_code=$6 WHERE id=$1`, [
      id,
      body.kind,
      body.title,
      body.body ?? '',
      body.eventDate ?? null,
      body.branchCode ?? null,
    ]);
    const after = (await this.read(id))!;
    await this.audit.record('news.update', 'news', id, before, after);
    return after;
  }

  @Staff() @Delete('admin/news/:id') @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    const before = await this.read(id);
    const res = await tenantManager().query(`DELETE FROM news WHERE id = $1 RETURNING id`, [id]);
    if (!res[0][0]) throw new DomainError('NOT_FOUND');
    await this.audit.record('news.delete', 'news', id, before, null);
  }
}
