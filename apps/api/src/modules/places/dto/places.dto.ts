import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { BRANCH_PHONE, halfWidthPhone } from '@shiori/policy';
import { IsCalendarDate, OptionalNotNull } from '../../../engine/validation';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
/** Not only spaces. */
const NOT_BLANK = /\S/;
/** '10:00' or '10:00-10:30' (as the admin console's timetable editor checks). */
const TIME = /^\d{1,2}:\d{2}(-\d{1,2}:\d{2})?$/;
export const PICKUP_KINDS = ['counter', 'locker', 'bookmobile-station'] as const;
export type PickupKind = (typeof PICKUP_KINDS)[number];

/** A telephone number as printed: digits, spaces, + ( ) and hyphens (libs/policy's BRANCH_PHONE). */
const PHONE = BRANCH_PHONE;

/** A telephone number as typed with a Japanese keyboard, made half-width first (libs/policy's halfWidthPhone). */
const halfWidthPhoneOf = () => Transform(({ value }) => (typeof value === 'string' ? halfWidthPhone(value) : value));

/**
 * A library's opening hours as it words them, over several lines if need be
 * (「火〜金 9:30〜19:00\n土・日・祝 9:30〜17:00」). Japanese is required, English optional
 * (the OPAC falls back to Japanese); 500 characters each.
 */
export class BranchHoursDto {
  @ApiProperty({ example: '火〜金 9:30〜19:00\n土・日・祝 9:30〜17:00', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'hours.ja must not be blank' })
  ja!: string;
  @ApiPropertyOptional({ example: 'Tue–Fri 9:30–19:00\nSat, Sun, holidays 9:30–17:00', maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  en?: string | null;
}

/**
 * What patrons read about a branch (the OPAC's 館の案内), in the create and update bodies
 * alike: address, telephone number, opening hours, weekly closing days.
 */
export class BranchGuideDto {
  @ApiPropertyOptional({ example: '千葉県香取市佐原イ1812', nullable: true, description: "'' or null clears it" }) @IsOptional() @IsString() @MaxLength(200) address?: string | null;
  @ApiPropertyOptional({ example: '0478-54-1234', nullable: true, description: "'' or null clears it" }) @IsOptional() @halfWidthPhoneOf() @ValidateIf((_o, v) => v !== '') @IsString() @Matches(PHONE, { message: 'phone: up to 40 of 0–9 + ( ) - and spaces' }) phone?: string | null;
  @ApiPropertyOptional({ type: () => BranchHoursDto, nullable: true, description: 'opening hours as patrons read them; null clears them' })
  @IsOptional()
  @IsObject({ message: 'hours must be an object { ja, en? } or null' })
  @ValidateNested()
  @Type(() => BranchHoursDto)
  hours?: BranchHoursDto | null;
  @ApiPropertyOptional({ example: [1], description: 'regular closing weekdays, 0=Sunday … 6=Saturday; [] for none' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(7)
  @ArrayUnique({ message: 'weeklyClosed: each weekday once' })
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(6, { each: true })
  weeklyClosed?: number[];
}

/** A branch: its code (the key items, loans, closed days, pickup points and loan rules refer to), names and what patrons read about it. */
export class CreateBranchDto extends BranchGuideDto {
  @ApiProperty({ example: 'sawara' }) @IsString() @Matches(CODE, { message: 'code: 1–40 of A–Z a–z 0–9 _ -' }) code!: string;
  @ApiProperty({ example: '佐原中央図書館' }) @IsString() @MinLength(1) @MaxLength(100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() askPickupPoint?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isBookmobile?: boolean;
}

/**
 * Every column of a branch but its code (the key items, loans, closed days, pickup points and
 * loan rules refer to). Leave out what does not change; `nameEn: null` (or '') clears it.
 */
export class UpdateBranchDto extends BranchGuideDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) nameEn?: string | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() askPickupPoint?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() isBookmobile?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'display order (smaller first)' }) @OptionalNotNull() @IsInt() @Min(0) @Max(100000) sort?: number;
}

/** Each field may be left out, never null (the answer's PickupTimetableEntry has no nulls). */
export class TimetableEntryDto {
  @ApiPropertyOptional({ description: '0=Sunday … 6=Saturday' }) @OptionalNotNull() @IsInt() @Min(0) @Max(6) weekday?: number;
  @ApiPropertyOptional({ description: 'weeks of the month (1–5), e.g. [1,3]' }) @OptionalNotNull() @IsArray() @ArrayMaxSize(5) @IsInt({ each: true }) @Min(1, { each: true }) @Max(5, { each: true }) weeks?: number[];
  @ApiPropertyOptional({ example: '10:00-10:30' }) @OptionalNotNull() @IsString() @Matches(TIME, { message: 'time: HH:MM or HH:MM-HH:MM' }) time?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(200) note?: string;
}

/**
 * A note shown to patrons under the pickup choice (Kushiro: 「予約本受取窓口は4階です。」).
 * Japanese is required, English optional (the OPAC falls back to Japanese); 500 characters each.
 */
export class PickupPointNoteDto {
  @ApiProperty({ example: '予約本受取窓口は4階です。', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'note.ja must not be blank' })
  ja!: string;
  @ApiPropertyOptional({ example: 'The hold pickup counter is on the 4th floor.', maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  en?: string | null;
}

/** `note` must be one object: the nested check alone would take an array of notes, validating each. */
const NoteObject = () => IsObject({ message: 'note must be an object { ja, en? } or null' });

export class CreatePickupPointDto {
  @ApiProperty() @IsString() @Matches(CODE, { message: 'code: 1–40 of A–Z a–z 0–9 _ -' }) code!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) nameEn?: string;
  @ApiProperty({ enum: PICKUP_KINDS }) @IsIn(PICKUP_KINDS) kind!: PickupKind;
  @ApiProperty() @IsString() @Matches(CODE) branchCode!: string;
  @ApiPropertyOptional({ type: [TimetableEntryDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => TimetableEntryDto) timetable?: TimetableEntryDto[];
  @ApiPropertyOptional({ type: PickupPointNoteDto, nullable: true }) @IsOptional() @NoteObject() @ValidateNested() @Type(() => PickupPointNoteDto) note?: PickupPointNoteDto | null;
}

/**
 * Every column of a pickup point but its code (the key holds refer to). Leave out what does
 * not change; `nameEn: null` (or '') and `note: null` clear them. Moving it to another branch
 * is refused while holds are in transit to it or on its shelf.
 */
export class UpdatePickupPointDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) nameEn?: string | null;
  @ApiPropertyOptional({ enum: PICKUP_KINDS }) @OptionalNotNull() @IsIn(PICKUP_KINDS) kind?: PickupKind;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Matches(CODE, { message: 'branchCode: a branch code' }) branchCode?: string;
  @ApiPropertyOptional({ type: [TimetableEntryDto] }) @OptionalNotNull() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => TimetableEntryDto) timetable?: TimetableEntryDto[];
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'display order within the branch (smaller first)' }) @OptionalNotNull() @IsInt() @Min(0) @Max(100000) sort?: number;
  @ApiPropertyOptional({ type: PickupPointNoteDto, nullable: true, description: 'the note patrons read under the pickup choice; null clears it' })
  @IsOptional()
  @NoteObject()
  @ValidateNested()
  @Type(() => PickupPointNoteDto)
  note?: PickupPointNoteDto | null;
}

export class CreateClosedDayDto {
  @ApiPropertyOptional({ description: 'omit for all branches' }) @IsOptional() @IsString() @Matches(CODE) branchCode?: string;
  @ApiProperty({ example: '2026-12-29', format: 'date' }) @IsCalendarDate() date!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) reason?: string;
}

/** A range of days, both ends optional and included: `GET /calendar` (default this month and the next), `GET /admin/closed-days`. */
export class DateRangeQueryDto {
  @ApiPropertyOptional({ example: '2026-12-01', format: 'date' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', format: 'date' }) @IsOptional() @IsCalendarDate() to?: string;
}

export class AddHolidaysDto {
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional({ description: 'omit for all branches' }) @IsOptional() @IsString() @Matches(CODE) branchCode?: string;
}
