import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BookmobileDay, CartEntry, DeskHoldView, HoldShelfEntry, HoldView, PullListEntry, ShelfExpiryResult, StaffHoldView, TransitReceipt } from '@shiori/contracts';
import { TodayQueryDto } from '../places';
import { BookmobileDeskService } from './services/bookmobile-desk.service';
import { RetryableAsConflict } from '../../engine/database/retryable.interceptor';
import { CurrentPrincipal, PatronOnly, Staff } from '../../engine/auth/auth.decorators';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import type { Principal } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import { AddToCartDto, SelectCartItemDto } from './dto/cart.dto';
import { DeskBranchQueryDto, DeskPlaceHoldDto, PlaceHoldsDto, ReceiveTransitDto, StaffCancelHoldDto, UpdateHoldDto } from './dto/place-holds.dto';
import { HoldsErrors } from './holds.errors';
import { CartService } from './services/cart.service';
import { HoldPlacement } from './services/hold-placement.service';
import { HoldShelfService } from './services/hold-shelf.service';
import { HoldViews } from './services/hold-views.service';
import { HoldsService } from './services/holds.service';

type PatronPrincipal = Extract<Principal, { kind: 'patron' }>;
type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

const holdId = () => new ParseUUIDPipe({ exceptionFactory: () => new DomainError(HoldsErrors.HOLD_NOT_FOUND) });
const recordId = () => new ParseUUIDPipe({ exceptionFactory: () => new DomainError(HoldsErrors.CART_ITEM_NOT_FOUND) });

@ApiTags('holds (patron)')
@UseInterceptors(RetryableAsConflict)
@Controller('t/:slug/me')
export class MyHoldsController {
  constructor(
    private readonly views: HoldViews,
    private readonly placement: HoldPlacement,
    private readonly holds: HoldsService,
    private readonly cart: CartService,
  ) {}

  @PatronOnly() @Get('holds') @ApiAnswer(['HoldView'])
  list(@CurrentPrincipal() p: PatronPrincipal): Promise<HoldView[]> {
    return this.views.listForPatron(p.patronId);
  }

  /** All or nothing: the first refused record stops the request (its `recordId` and `index` are in the problem). */
  @PatronOnly() @Post('holds') @ApiAnswer(['HoldView'])
  place(@CurrentPrincipal() p: PatronPrincipal, @Body() body: PlaceHoldsDto): Promise<HoldView[]> {
    return this.placement.place(p.patronId, body);
  }

  @PatronOnly() @Delete('holds/:id') @ApiAnswer('HoldView')
  cancel(@CurrentPrincipal() p: PatronPrincipal, @Param('id', holdId()) id: string): Promise<HoldView> {
    return this.holds.cancelByPatron(p.patronId, id);
  }

  @PatronOnly() @Patch('holds/:id') @ApiAnswer('HoldView')
  update(@CurrentPrincipal() p: PatronPrincipal, @Param('id', holdId()) id: string, @Body() body: UpdateHoldDto): Promise<HoldView> {
    return this.holds.update(p.patronId, id, body);
  }

  @PatronOnly() @Get('cart') @ApiAnswer(['CartEntry'])
  getCart(@CurrentPrincipal() p: PatronPrincipal): Promise<CartEntry[]> {
    return this.cart.list(p.patronId);
  }

  @PatronOnly() @Post('cart') @ApiAnswer('CartEntry')
  addToCart(@CurrentPrincipal() p: PatronPrincipal, @Body() body: AddToCartDto): Promise<CartEntry> {
    return this.cart.add(p.patronId, body.recordId);
  }

  @PatronOnly() @Patch('cart/:recordId') @ApiAnswer('CartEntry')
  selectInCart(@CurrentPrincipal() p: PatronPrincipal, @Param('recordId', recordId()) id: string, @Body() body: SelectCartItemDto): Promise<CartEntry> {
    return this.cart.select(p.patronId, id, body.selected);
  }

  @PatronOnly() @Delete('cart/:recordId') @HttpCode(204)
  removeFromCart(@CurrentPrincipal() p: PatronPrincipal, @Param('recordId', recordId()) id: string): Promise<void> {
    return this.cart.remove(p.patronId, id);
  }
}

@ApiTags('circulation desk')
@UseInterceptors(RetryableAsConflict)
@Controller('t/:slug')
export class DeskHoldsController {
  constructor(
    private readonly shelf: HoldShelfService,
    private readonly views: HoldViews,
    private readonly placement: HoldPlacement,
    private readonly holds: HoldsService,
    private readonly bus: BookmobileDeskService,
  ) {}

  /**
   * 本日の巡回: the bookmobile's stops of the day (default today) with, per stop, the ready
   * holds to hand out and the copies to load (pull list per stop).
   */
  @Staff() @Get('desk/bookmobile/today') @ApiAnswer('BookmobileDay')
  bookmobileToday(@Query() { date }: TodayQueryDto): Promise<BookmobileDay> {
    return this.bus.today(date);
  }

  /** Holds ready for pickup, with their last shelf day (取置期限), soonest first. */
  @Staff() @Get('desk/hold-shelf') @ApiAnswer(['HoldShelfEntry'])
  holdShelf(@Query() { branchCode }: DeskBranchQueryDto): Promise<HoldShelfEntry[]> {
    return this.shelf.holdShelf(branchCode || undefined);
  }

  /** Expires the holds past their last day now and passes each copy to the next hold. */
  @Staff() @Post('desk/hold-shelf/clear-expired') @HttpCode(200) @ApiAnswer('ShelfExpiryResult')
  clearExpired(): Promise<ShelfExpiryResult> {
    return this.shelf.clearExpired();
  }

  /** Copies to fetch from the shelves today for holds. */
  @Staff() @Get('desk/pull-list') @ApiAnswer(['PullListEntry'])
  pullList(@Query() { branchCode }: DeskBranchQueryDto): Promise<PullListEntry[]> {
    return this.shelf.pullList(branchCode || undefined);
  }

  @Staff() @Post('desk/transits/receive') @HttpCode(200) @ApiAnswer('TransitReceipt')
  receive(@Body() body: ReceiveTransitDto): Promise<TransitReceipt> {
    return this.shelf.receive(body.itemBarcode, body.branchCode);
  }

  /**
   * A hold taken at the counter or on the phone for a patron (カウンターでの予約受付): the
   * patron's own rules and refusal codes, at the counter's channel; `override` takes it beyond
   * the hold limit only. Recorded as placed by this librarian, and audited.
   */
  @Staff() @Post('desk/holds') @ApiAnswer('DeskHoldView')
  place(@CurrentPrincipal() p: StaffPrincipal, @Body() body: DeskPlaceHoldDto): Promise<DeskHoldView> {
    return this.placement.placeAtDesk(body, { id: p.staffId, name: p.displayName || p.username });
  }

  /** Staff may cancel a hold in any active state (audited; the patron is told when they chose e-mail). */
  @Staff() @Post('desk/holds/:id/cancel') @HttpCode(200) @ApiAnswer('HoldView')
  cancel(@Param('id', holdId()) id: string, @Body() body: StaffCancelHoldDto): Promise<HoldView> {
    return this.holds.cancelByStaff(id, body.reason);
  }

  /** A patron's holds as the desk sees them: with who placed each, limit overrides and the desk's notes. */
  @Staff() @Get('admin/patrons/:id/holds') @ApiAnswer(['StaffHoldView'])
  patronHolds(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND') })) id: string): Promise<StaffHoldView[]> {
    return this.views.listForStaff(id);
  }
}
