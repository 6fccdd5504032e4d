import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CheckinResult, CheckoutResult, LoanView, PatronLoanView } from '@shiori/contracts';
import { RetryableAsConflict } from '../../engine/database/retryable.interceptor';
import { AuditService } from '../../engine/audit/audit.service';
import { CurrentPrincipal, PatronOnly, Staff } from '../../engine/auth/auth.decorators';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import type { Principal } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import { ExpireHoldsJob } from '../holds';
import { CirculationErrors } from './circulation.errors';
import { CheckinDto, CheckoutDto, DeskRenewalDto } from './dto/desk.dto';
import { MarkOverdueJob } from './jobs/mark-overdue.job';
import { CheckinService } from './services/checkin.service';
import { CheckoutService } from './services/checkout.service';
import { LoansService } from './services/loans.service';

type PatronPrincipal = Extract<Principal, { kind: 'patron' }>;

@ApiTags('circulation desk')
@UseInterceptors(RetryableAsConflict)
@Controller('t/:slug/desk')
export class DeskController {
  constructor(
    private readonly checkouts: CheckoutService,
    private readonly checkins: CheckinService,
    private readonly loans: LoansService,
  ) {}

  /** Lends a copy: card normalised by the policy, due date from the matching loan rule and the closed-day calendar. */
  @Staff() @Post('checkouts') @ApiAnswer('CheckoutResult')
  checkout(@Body() body: CheckoutDto): Promise<CheckoutResult> {
    return this.checkouts.checkout(body);
  }

  /** Returns a copy; the next waiting hold on its title traps it (hold shelf, or transit to the pickup branch). */
  @Staff() @Post('checkins') @HttpCode(200) @ApiAnswer('CheckinResult')
  checkin(@Body() body: CheckinDto): Promise<CheckinResult> {
    return this.checkins.checkin(body);
  }

  /** Counter renewal, allowed even where online renewal is not (city003). */
  @Staff() @Post('renewals') @HttpCode(200) @ApiAnswer('LoanView')
  renew(@Body() body: DeskRenewalDto): Promise<LoanView> {
    return this.loans.renewAtDesk(body.itemBarcode, body.channel ?? 'counter');
  }
}

@ApiTags('loans (patron)')
@UseInterceptors(RetryableAsConflict)
@Controller('t/:slug/me/loans')
export class MyLoansController {
  constructor(private readonly loans: LoansService) {}

  /** Open loans with `hasHolds` and `renewable` decided by the policy before the patron asks. */
  @PatronOnly() @Get() @ApiAnswer(['PatronLoanView'])
  list(@CurrentPrincipal() p: PatronPrincipal): Promise<PatronLoanView[]> {
    return this.loans.listForPatron(p.patronId, 'online');
  }

  @PatronOnly() @Post(':id/renew') @HttpCode(200) @ApiAnswer('LoanView')
  renew(
    @CurrentPrincipal() p: PatronPrincipal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new DomainError(CirculationErrors.LOAN_NOT_FOUND) })) id: string,
  ): Promise<LoanView> {
    return this.loans.renewOnline(p.patronId, id);
  }
}

@ApiTags('circulation desk')
@UseInterceptors(RetryableAsConflict)
@Controller('t/:slug/admin')
export class AdminCirculationController {
  constructor(
    private readonly loans: LoansService,
    private readonly expireHolds: ExpireHoldsJob,
    private readonly markOverdue: MarkOverdueJob,
    private readonly audit: AuditService,
  ) {}

  /** A patron's open loans as the desk sees them (`renewable` for a counter renewal). */
  @Staff() @Get('patrons/:id/loans') @ApiAnswer(['PatronLoanView'])
  patronLoans(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND') })) id: string): Promise<PatronLoanView[]> {
    return this.loans.listForPatron(id, 'counter');
  }

  /**
   * Runs a daily job now for this library only (the schedule runs it for every library once a
   * day); jobs are idempotent. Names: `expire-holds`, `mark-overdue`.
   */
  @Staff() @Post('jobs/:name/run') @HttpCode(200)
  async runJob(@Param('name') name: string) {
    let result: unknown;
    if (name === ExpireHoldsJob.NAME) result = await this.expireHolds.runForTenant();
    else if (name === MarkOverdueJob.NAME) result = await this.markOverdue.runForTenant();
    else throw new DomainError(CirculationErrors.JOB_NOT_FOUND);
    await this.audit.record('job.run', 'job', name, null, result);
    return { job: name, result };
  }
}
