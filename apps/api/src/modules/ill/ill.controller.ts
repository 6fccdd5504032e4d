import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { IllCheckinAnswer, IllCity, IllRequestPage, IllRequestView, IllTransitPage, IllTransitView, IncomingIllRequestPage, IncomingIllRequestView, MyIllRequest } from '@shiori/contracts';
import { CurrentPrincipal, PatronOnly, PlatformAdmin, Staff } from '../../engine/auth/auth.decorators';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import type { Principal } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import { NoTenantTransaction } from '../../engine/tenancy/tenant-transaction.interceptor';
import { AcceptIllDto, AskIllDto, CityMessagesQueryDto, CreateIllRequestDto, DeclineIllDto, DeliverCityMessagesDto, IllCheckinDto, IllListQueryDto } from './dto/ill.dto';
import { CityMessages } from './messages/city-messages';
import { IllErrors } from './ill.errors';
import { IllService } from './ill.service';

const requestId = () => new ParseUUIDPipe({ exceptionFactory: () => new DomainError(IllErrors.ILL_REQUEST_NOT_FOUND) });
const page = (q: IllListQueryDto) => ({ status: q.status, page: q.page ?? 1, size: q.size ?? 50 });

/** The borrowing city's requests (相互貸借 依頼): made for its patrons, followed to the end. */
@ApiTags('ILL (borrowing city)')
@Controller('t/:slug/admin/ill/requests')
export class IllRequestsController {
  constructor(private readonly ill: IllService) {}

  @Staff() @Get() @ApiAnswer('IllRequestPage')
  list(@Query() q: IllListQueryDto): Promise<IllRequestPage> {
    return this.ill.list('borrower', page(q));
  }

  /** 201 with the request: its number, status `requested`, the lending city by name. */
  @Staff() @Post() @NoTenantTransaction() @ApiAnswer('IllRequestView')
  create(@Body() body: CreateIllRequestDto): Promise<IllRequestView> {
    return this.ill.create(body);
  }

  @Staff() @Get(':id') @ApiAnswer('IllRequestView')
  get(@Param('id', requestId()) id: string): Promise<IllRequestView> {
    return this.ill.get('borrower', id);
  }

  @Staff() @Post(':id/cancel') @HttpCode(200) @ApiAnswer('IllRequestView')
  cancel(@Param('id', requestId()) id: string): Promise<IllRequestView> {
    return this.ill.cancel(id);
  }

  /** A patron's ask (`asked`) goes to the lending city: it becomes a request (`requested`). */
  @Staff() @Post(':id/forward') @HttpCode(200) @ApiAnswer('IllRequestView')
  forward(@Param('id', requestId()) id: string): Promise<IllRequestView> {
    return this.ill.forward(id);
  }

  /** A patron's ask (`asked`) is declined here, with the reason the patron reads on My page. */
  @Staff() @Post(':id/decline') @HttpCode(200) @ApiAnswer('IllRequestView')
  declineAsk(@Param('id', requestId()) id: string, @Body() body: DeclineIllDto): Promise<IllRequestView> {
    return this.ill.declineAsk(id, body.reason);
  }

  /** The copy came on the courier (also by scanning it: POST admin/ill/checkins); the patron gets the hold-ready notice. */
  @Staff() @Post(':id/receive') @HttpCode(200) @ApiAnswer('IllRequestView')
  receive(@Param('id', requestId()) id: string): Promise<IllRequestView> {
    return this.ill.receive(id);
  }

  @Staff() @Post(':id/lend') @HttpCode(200) @ApiAnswer('IllRequestView')
  lend(@Param('id', requestId()) id: string): Promise<IllRequestView> {
    return this.ill.lend(id);
  }

  /** A counter renewal by this city's policy (Katori: 409 ILL_NOT_RENEWABLE). */
  @Staff() @Post(':id/renew') @HttpCode(200) @ApiAnswer('IllRequestView')
  renew(@Param('id', requestId()) id: string): Promise<IllRequestView> {
    return this.ill.renew(id);
  }

  @Staff() @Post(':id/return') @HttpCode(200) @ApiAnswer('IllRequestView')
  return(@Param('id', requestId()) id: string): Promise<IllRequestView> {
    return this.ill.return(id);
  }

  @Staff() @Post(':id/send-home') @HttpCode(200) @ApiAnswer('IllRequestView')
  sendHome(@Param('id', requestId()) id: string): Promise<IllRequestView> {
    return this.ill.sendHome(id);
  }

  @Staff() @Post(':id/lost') @HttpCode(200) @ApiAnswer('IllRequestView')
  lost(@Param('id', requestId()) id: string): Promise<IllRequestView> {
    return this.ill.markLost('borrower', id);
  }
}

/** The lending city's incoming requests (受付 / 貸出依頼): the pull list with the courier day, accept, decline, send, home again. */
@ApiTags('ILL (lending city)')
@Controller('t/:slug/admin/ill/incoming')
export class IllIncomingController {
  constructor(private readonly ill: IllService) {}

  @Staff() @Get() @ApiAnswer('IncomingIllRequestPage')
  list(@Query() q: IllListQueryDto): Promise<IncomingIllRequestPage> {
    return this.ill.list('lender', page(q));
  }

  @Staff() @Get(':id') @ApiAnswer('IncomingIllRequestView')
  get(@Param('id', requestId()) id: string): Promise<IncomingIllRequestView> {
    return this.ill.get('lender', id);
  }

  @Staff() @Post(':id/accept') @HttpCode(200) @ApiAnswer('IncomingIllRequestView')
  accept(@Param('id', requestId()) id: string, @Body() body: AcceptIllDto): Promise<IncomingIllRequestView> {
    return this.ill.accept(id, body.itemBarcode);
  }

  @Staff() @Post(':id/decline') @HttpCode(200) @ApiAnswer('IncomingIllRequestView')
  decline(@Param('id', requestId()) id: string, @Body() body: DeclineIllDto): Promise<IncomingIllRequestView> {
    return this.ill.decline(id, body.reason);
  }

  @Staff() @Post(':id/send') @HttpCode(200) @ApiAnswer('IncomingIllRequestView')
  send(@Param('id', requestId()) id: string): Promise<IncomingIllRequestView> {
    return this.ill.send(id);
  }

  /** The copy is home (also by scanning it: POST admin/ill/checkins): back on the shelf, closed at both ends. */
  @Staff() @Post(':id/check-in') @HttpCode(200) @ApiAnswer('IncomingIllRequestView')
  checkIn(@Param('id', requestId()) id: string): Promise<IncomingIllRequestView> {
    return this.ill.checkInHome(id);
  }

  @Staff() @Post(':id/lost') @HttpCode(200) @ApiAnswer('IncomingIllRequestView')
  lost(@Param('id', requestId()) id: string): Promise<IncomingIllRequestView> {
    return this.ill.markLost('lender', id);
  }
}

/** One scan for copies of other cities, and the copies of other cities waiting here to go home (送付リスト). */
@ApiTags('ILL (desk)')
@Controller('t/:slug/admin/ill')
export class IllDeskController {
  constructor(
    private readonly ill: IllService,
    private readonly messages: CityMessages,
  ) {}

  /** This city's messages to other cities (`pending` ones wait for the worker; `failed` ones say why). */
  @Staff() @Get('messages')
  listMessages(@Query() q: CityMessagesQueryDto) {
    return this.messages.list({ status: q.status, page: q.page ?? 1, size: q.size ?? 50 });
  }

  /**
   * A barcode that is not this city's: an ILL copy arriving (→ `arrived`) or returned by the
   * patron (→ `returned`), the lender's own copy home (→ `back-on-shelf`), or a copy of another
   * member city returned here where its agreement allows (→ `routed-home`).
   */
  @Staff() @Post('checkins') @HttpCode(200) @NoTenantTransaction() @ApiAnswer('IllCheckinAnswer')
  checkin(@Body() body: IllCheckinDto): Promise<IllCheckinAnswer> {
    return this.ill.checkin(body);
  }

  @Staff() @Get('transits') @ApiAnswer('IllTransitPage')
  transits(@Query() q: IllListQueryDto): Promise<IllTransitPage> {
    return this.ill.list('transit', page(q));
  }

  /** The copy of another city was handed to the courier / taken off the list. */
  @Staff() @Post('transits/:id/done') @HttpCode(200) @ApiAnswer('IllTransitView')
  transitDone(@Param('id', requestId()) id: string): Promise<IllTransitView> {
    return this.ill.closeTransit(id);
  }
}

/** The patron's My page: where each of their ILL requests is. */
@ApiTags('ILL (patrons)')
@Controller('t/:slug/me/ill')
export class MyIllController {
  constructor(private readonly ill: IllService) {}

  @PatronOnly() @Get() @ApiAnswer(['MyIllRequest'])
  list(@CurrentPrincipal() p: Principal): Promise<MyIllRequest[]> {
    return this.ill.forPatron(patronOf(p));
  }

  /** The cities this city's patrons may ask themselves (the agreement's `ill.patronsMayAsk`); empty: ask at the counter. */
  @PatronOnly() @Get('lenders') @ApiAnswer(['IllCity'])
  lenders(): Promise<IllCity[]> {
    return this.ill.askableCities();
  }

  /**
   * 201: the patron's ask (`asked`), which a librarian forwards to the lending city or declines.
   * 403 ILL_PATRONS_MAY_NOT_ASK, 409 ILL_HELD_HERE (this city has the title: place a hold), 409 ILL_ALREADY_ASKED.
   */
  @PatronOnly() @Post() @NoTenantTransaction() @ApiAnswer('MyIllRequest')
  ask(@CurrentPrincipal() p: Principal, @Body() body: AskIllDto): Promise<MyIllRequest> {
    return this.ill.ask(patronOf(p), body);
  }

  /** Withdraws an ask the library has not forwarded yet. */
  @PatronOnly() @Post(':id/cancel') @HttpCode(200) @ApiAnswer('MyIllRequest')
  cancel(@CurrentPrincipal() p: Principal, @Param('id', requestId()) id: string): Promise<MyIllRequest> {
    return this.ill.cancelAsk(patronOf(p), id);
  }
}

function patronOf(p: Principal): string {
  if (p.kind !== 'patron') throw new DomainError('FORBIDDEN');
  return p.patronId;
}

/** Regional IT: deliver the messages between cities now (the worker does it every CITY_MESSAGES_POLL_MS where jobs run). */
@ApiTags('ILL (regional IT)')
@Controller('platform/city-messages')
export class CityMessagesController {
  constructor(private readonly messages: CityMessages) {}

  /** One pass over the cities' outboxes: how many messages were applied, already applied before (redelivered), postponed or failed. */
  @PlatformAdmin() @Post('deliver') @HttpCode(200)
  deliver(@Body() body: DeliverCityMessagesDto) {
    return this.messages.deliverDue({ tenants: body.tenants });
  }
}
