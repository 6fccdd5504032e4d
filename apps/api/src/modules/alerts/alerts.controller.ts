import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AlertView } from '@shiori/contracts';
import { CurrentPrincipal, PatronOnly } from '../../engine/auth/auth.decorators';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import type { Principal } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import { AlertErrors } from './alerts.errors';
import { AlertsService } from './alerts.service';
import { CreateAlertDto, RenameAlertDto } from './dto/alert.dto';

type PatronPrincipal = Extract<Principal, { kind: 'patron' }>;
const alertId = () => new ParseUUIDPipe({ exceptionFactory: () => new DomainError(AlertErrors.ALERT_NOT_FOUND) });

@ApiTags('new-arrival alerts (patron)')
@Controller('t/:slug/me/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @PatronOnly() @Get() @ApiAnswer(['AlertView'])
  list(@CurrentPrincipal() p: PatronPrincipal): Promise<AlertView[]> {
    return this.alerts.list(p.patronId);
  }

  /** Saves a named search; new matching records arrive by e-mail, one digest a day. Needs an e-mail on file. */
  @PatronOnly() @Post() @ApiAnswer('AlertView')
  create(@CurrentPrincipal() p: PatronPrincipal, @Body() body: CreateAlertDto): Promise<AlertView> {
    return this.alerts.create(p.patronId, body);
  }

  @PatronOnly() @Patch(':id') @ApiAnswer('AlertView')
  rename(@CurrentPrincipal() p: PatronPrincipal, @Param('id', alertId()) id: string, @Body() body: RenameAlertDto): Promise<AlertView> {
    return this.alerts.rename(p.patronId, id, body.name);
  }

  @PatronOnly() @Delete(':id') @HttpCode(204)
  async remove(@CurrentPrincipal() p: PatronPrincipal, @Param('id', alertId()) id: string) {
    await this.alerts.remove(p.patronId, id);
  }
}
