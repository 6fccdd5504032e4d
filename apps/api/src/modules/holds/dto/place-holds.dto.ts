import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CONTACT_METHODS, ContactMethod } from '@shiori/policy';
import { IsCalendarDate, OptionalNotNull } from '../../../engine/validation';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export class PlaceHoldsDto {
  @ApiProperty({ type: [String], description: 'records to reserve; with `ordered`, in the order the volumes should come' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ArrayUnique() @IsUUID('all', { each: true })
  recordIds!: string[];

  @ApiProperty({ example: 'central-counter' }) @IsString() @Matches(CODE) pickupPointCode!: string;

  @ApiProperty({ enum: CONTACT_METHODS }) @IsIn(CONTACT_METHODS as unknown as string[]) contact!: ContactMethod;

  @ApiPropertyOptional({ description: 'ordered series hold (順番予約): a later volume waits until the earlier one has its copy' })
  @IsOptional() @IsBoolean() ordered?: boolean;

  @ApiPropertyOptional({ description: 'send an e-mail confirming the hold (where the policy offers it)' })
  @IsOptional() @IsBoolean() emailConfirmation?: boolean;
}

export class UpdateHoldDto {
  @ApiPropertyOptional({ example: 'central-locker' }) @OptionalNotNull() @IsString() @Matches(CODE) pickupPointCode?: string;

  @ApiPropertyOptional({ example: '2026-08-31', format: 'date', nullable: true, description: 'postpone (保留) through this day; null wakes the hold' })
  @IsOptional() @IsCalendarDate()
  suspendedUntil?: string | null;
}

/**
 * A hold placed by a librarian for a patron at the counter or on the phone: the patron by card
 * (as typed or scanned) or by id, exactly one of the two.
 */
export class DeskPlaceHoldDto {
  @ApiPropertyOptional({ example: '0123456-7', description: 'as typed or scanned; normalised by the policy. Either this or patronId.' })
  @ValidateIf((o: DeskPlaceHoldDto) => o.patronId === undefined || o.patronCard !== undefined)
  @IsString() @MinLength(1) @MaxLength(40)
  patronCard?: string;

  @ApiPropertyOptional({ description: 'the patron’s id; either this or patronCard' })
  @ValidateIf((o: DeskPlaceHoldDto) => o.patronCard === undefined || o.patronId !== undefined)
  @IsUUID('all')
  patronId?: string;

  @ApiProperty() @IsUUID('all') recordId!: string;

  @ApiPropertyOptional({ example: 'central-counter', description: 'pickup point code; defaults to the patron’s last pickup point while offered, else the first branch’s counter (libs/policy defaultPickupPoint)' })
  @IsOptional() @IsString() @Matches(CODE) pickupPoint?: string;

  @ApiPropertyOptional({ enum: CONTACT_METHODS, description: 'defaults as the OPAC form does: e-mail when offered and the patron has an address' })
  @IsOptional() @IsIn(CONTACT_METHODS as unknown as string[]) contact?: ContactMethod;

  @ApiPropertyOptional({ description: 'send the hold-received e-mail (where the policy offers it on request)' })
  @IsOptional() @IsBoolean() emailConfirmation?: boolean;

  @ApiPropertyOptional({ example: '電話で受付', description: 'the desk’s note on the hold (staff only)' })
  @IsOptional() @IsString() @MaxLength(500) note?: string;

  @ApiPropertyOptional({ description: 'take the hold beyond the patron’s hold limit (HOLD_LIMIT only; recorded and audited)' })
  @IsOptional() @IsBoolean() override?: boolean;
}

export class StaffCancelHoldDto {
  @ApiPropertyOptional({ example: 'patron phoned' }) @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class ReceiveTransitDto {
  @ApiProperty() @IsString() @MaxLength(64) itemBarcode!: string;
  @ApiProperty({ example: 'central' }) @IsString() @Matches(CODE) branchCode!: string;
}

/** `GET /desk/hold-shelf`, `GET /desk/pull-list`: one branch, or every branch when left out (or empty). */
export class DeskBranchQueryDto {
  @ApiPropertyOptional({ example: 'sawara', description: 'one branch; every branch when left out' })
  @IsOptional() @IsString() @ValidateIf((_o, v) => v !== '') @Matches(CODE)
  branchCode?: string;
}
