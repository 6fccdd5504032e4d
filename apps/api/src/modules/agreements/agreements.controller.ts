import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AgreementExplainResult, AgreementPresetView } from '@shiori/contracts';
import { CurrentPrincipal, PatronOnly, PlatformAdmin, Staff } from '../../engine/auth/auth.decorators';
import type { Principal } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import { NoTenantTransaction } from '../../engine/tenancy/tenant-transaction.interceptor';
import { AgreementsService } from './agreements.service';
import { AgreementsStore } from './agreements.store';
import { CreateAgreementDto, ExplainAgreementDto, RegisterVisitorDto, UpdateAgreementDto } from './dto/agreements.dto';
import { LoansElsewhereService } from './loans-elsewhere.service';
import { VisitorsService } from './visitors.service';

/** Regional IT: agreements between cities (広域利用), versioned, with an explain tester. */
@ApiTags('agreements (regional IT)')
@Controller('platform/agreements')
export class PlatformAgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @PlatformAdmin() @Get()
  list() {
    return this.agreements.list();
  }

  /** 201 with the agreement(s) made: one, or two with `reciprocal`. */
  @PlatformAdmin() @Post()
  create(@Body() body: CreateAgreementDto) {
    return this.agreements.create(body);
  }

  @PlatformAdmin() @Get('presets') @ApiAnswer(['AgreementPresetView'])
  presets(): AgreementPresetView[] {
    return this.agreements.presets();
  }

  @PlatformAdmin() @Post('explain') @HttpCode(200) @ApiAnswer('AgreementExplainResult')
  explain(@Body() body: ExplainAgreementDto): Promise<AgreementExplainResult> {
    return this.agreements.explain(body);
  }

  @PlatformAdmin() @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.agreements.get(id);
  }

  @PlatformAdmin() @Get(':id/versions')
  versions(@Param('id', ParseUUIDPipe) id: string) {
    return this.agreements.versions(id);
  }

  /** New terms (whole, or a preset's): a new version. */
  @PlatformAdmin() @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateAgreementDto) {
    return this.agreements.update(id, body);
  }
}

/** A city's librarians: their city's agreements (read-only), the visitors registered at their desk, and the statistics. */
@ApiTags('agreements (librarians)')
@Controller('t/:slug/admin')
export class CityAgreementsController {
  constructor(
    private readonly store: AgreementsStore,
    private readonly visitors: VisitorsService,
  ) {}

  @Staff() @Get('agreements')
  list() {
    return this.store.ofCurrentCity();
  }

  @Staff() @Get('agreements/statistics')
  statistics() {
    return this.visitors.statistics();
  }

  @Staff() @Get('visitors')
  listVisitors() {
    return this.visitors.list();
  }

  /**
   * A resident of another city at this desk: registered with a card of this library
   * (`cardNumber`, agreements where the host issues its own card) or admitted by the home
   * card (no `cardNumber`). Checked against the agreement, then against the home city.
   */
  @Staff() @Post('visitors') @NoTenantTransaction()
  async register(@Body() body: RegisterVisitorDto) {
    return this.visitors.register(await this.visitors.hostOfRequest(), body);
  }
}

/** The patron's My page: loans at other cities (他市で借りている資料). */
@ApiTags('agreements (patrons)')
@Controller('t/:slug/me/loans-elsewhere')
export class LoansElsewhereController {
  constructor(private readonly elsewhere: LoansElsewhereService) {}

  @PatronOnly() @Get() @NoTenantTransaction()
  list(@CurrentPrincipal() p: Principal) {
    if (p.kind !== 'patron') throw new DomainError('FORBIDDEN');
    return this.elsewhere.forPatron(p.patronId);
  }
}
