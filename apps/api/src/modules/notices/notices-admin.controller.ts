import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { NoticePreview, NoticeTemplate, OutboxMessageDetail, OutboxPage } from '@shiori/contracts';
import { Staff } from '../../engine/auth/auth.decorators';
import { DomainError } from '../../engine/errors/domain-error';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import { OutboxQueryDto, PreviewTemplateDto, SaveTemplateDto } from './dto/notices.dto';
import { NotificationErrors } from './notices.errors';
import { OutboxService } from './outbox.service';
import { NoticeTemplatesService } from './templates/templates.service';

function outboxId(id: string): string {
  if (!/^\d{1,18}$/.test(id)) throw new DomainError(NotificationErrors.OUTBOX_MESSAGE_NOT_FOUND);
  return id;
}

@ApiTags('notices (librarians)')
@Controller('t/:slug/admin/notices')
export class NoticesAdminController {
  constructor(private readonly templates: NoticeTemplatesService, private readonly outbox: OutboxService) {}

  /** Every notice kind in ja and en: the library's wording or the default (`overridden`), with the variables it may use. */
  @Staff() @Get('templates') @ApiAnswer(['NoticeTemplate'])
  listTemplates(): Promise<NoticeTemplate[]> {
    return this.templates.list();
  }

  @Staff() @Get('templates/:kind/:lang') @ApiAnswer('NoticeTemplate')
  getTemplate(@Param('kind') kind: string, @Param('lang') lang: string): Promise<NoticeTemplate> {
    return this.templates.get(kind, lang);
  }

  /** Saves the library's wording; a template that would not render is refused (422 TEMPLATE_INVALID, `errors` with line and reason). */
  @Staff() @Put('templates/:kind/:lang') @ApiAnswer('NoticeTemplate')
  saveTemplate(@Param('kind') kind: string, @Param('lang') lang: string, @Body() body: SaveTemplateDto): Promise<NoticeTemplate> {
    return this.templates.save(kind, lang, body);
  }

  /** Back to the default wording. */
  @Staff() @Delete('templates/:kind/:lang') @HttpCode(204)
  async resetTemplate(@Param('kind') kind: string, @Param('lang') lang: string) {
    await this.templates.reset(kind, lang);
  }

  /** Renders a draft (or the current template) with sample data of the kind. */
  @Staff() @Post('templates/:kind/:lang/preview') @HttpCode(200) @ApiAnswer('NoticePreview')
  preview(@Param('kind') kind: string, @Param('lang') lang: string, @Body() body: PreviewTemplateDto): Promise<NoticePreview> {
    return this.templates.preview(kind, lang, body);
  }

  /** Mail waiting, sent or failed, newest first. */
  @Staff() @Get('outbox') @ApiAnswer('OutboxPage')
  listOutbox(@Query() q: OutboxQueryDto): Promise<OutboxPage> {
    return this.outbox.list({ status: q.status, kind: q.kind, page: q.page ?? 1, size: q.size ?? 50 });
  }

  @Staff() @Get('outbox/:id') @ApiAnswer('OutboxMessageDetail')
  getMessage(@Param('id') id: string): Promise<OutboxMessageDetail> {
    return this.outbox.get(outboxId(id));
  }

  /** A failed message goes back to the queue, attempts reset. */
  @Staff() @Post('outbox/:id/retry') @HttpCode(200) @ApiAnswer('OutboxMessageDetail')
  retry(@Param('id') id: string): Promise<OutboxMessageDetail> {
    return this.outbox.retry(outboxId(id));
  }
}
