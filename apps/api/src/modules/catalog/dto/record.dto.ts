import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, OptionalNotNull } from '../../../engine/validation';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
/** Library barcodes: letters, digits and hyphens (NW7/CODE39 labels). */
const BARCODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
/** 日本十進分類法: 3 digits, optionally decimals (913.6); a class or division alone also passes. */
const NDC = /^\d{1,3}(\.\d{1,6})?$/;

/** A cover image address: http(s) only (no javascript:, data: or relative addresses in an <img>). */
const COVER_URL = /^https?:\/\/[^\s"'<>]+$/i;

export class AuthorDto {
  @ApiProperty({ example: '夏目 漱石' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ example: 'ナツメ ソウセキ', description: 'katakana reading (ヨミ)' }) @IsOptional() @IsString() @MaxLength(200) reading?: string;
}

export class ItemDto {
  @ApiProperty({ example: '1000123456' }) @IsString() @Matches(BARCODE, { message: 'barcode: 1–40 of A–Z a–z 0–9 -' }) barcode!: string;
  @ApiProperty({ example: 'sawara' }) @IsString() @Matches(CODE) branchCode!: string;
  @ApiPropertyOptional({ description: 'false = 禁帯出 (not for loan)', default: true }) @IsOptional() @IsBoolean() loanable?: boolean;
  @ApiPropertyOptional({ example: '一般 913.6 ナ' }) @IsOptional() @IsString() @MaxLength(100) shelfLocation?: string;
  @ApiPropertyOptional({ example: '913.6/ナ/1', description: '請求記号 of this copy, when it differs from the record’s' }) @IsOptional() @IsString() @MaxLength(60) callNumber?: string;
  @ApiPropertyOptional({ description: 'when the copy differs from the record (e.g. a large-print copy)' }) @IsOptional() @IsString() @Matches(CODE) materialType?: string;
}

export class CreateRecordDto {
  @ApiProperty({ example: '吾輩は猫である' }) @IsString() @MinLength(1) @MaxLength(500) title!: string;
  @ApiPropertyOptional({ example: 'ワガハイ ワ ネコ デ アル' }) @IsOptional() @IsString() @MaxLength(500) titleReading?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) subtitle?: string;
  @ApiPropertyOptional({ type: [AuthorDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AuthorDto) authors?: AuthorDto[];
  @ApiPropertyOptional({ example: '岩波書店' }) @IsOptional() @IsString() @MaxLength(200) publisher?: string;
  @ApiPropertyOptional({ example: 1990 }) @IsOptional() @IsInt() @Min(1000) @Max(2100) publishedYear?: number;
  @ApiPropertyOptional({ example: '978-4-00-310101-8', description: 'ISBN-10 or ISBN-13, hyphens optional; stored as ISBN-13' }) @IsOptional() @IsString() @MaxLength(30) isbn?: string;
  @ApiPropertyOptional({ example: 'book' }) @IsOptional() @IsString() @Matches(CODE) materialType?: string;
  @ApiPropertyOptional({ example: '岩波文庫' }) @IsOptional() @IsString() @MaxLength(300) series?: string;
  @ApiPropertyOptional({ example: '上' }) @IsOptional() @IsString() @MaxLength(50) volume?: string;
  @ApiPropertyOptional({ example: '913.6' }) @IsOptional() @IsString() @Matches(NDC, { message: 'ndc: NDC class number such as 913.6' }) ndc?: string;
  @ApiPropertyOptional({ description: 'control number of the source catalogue (MARC 001)' }) @IsOptional() @IsString() @MaxLength(60) controlNumber?: string;
  @ApiPropertyOptional({ example: '2026-04-01', format: 'date', description: 'received (受入) date; default today' }) @IsOptional() @IsCalendarDate() receivedAt?: string;
  @ApiPropertyOptional({ example: '913.6/ナ', description: '請求記号 as catalogued; default of the copies (else made from NDC, author and volume)' }) @IsOptional() @IsString() @MaxLength(60) callNumber?: string;
  @ApiPropertyOptional({ example: 'https://example.org/covers/4003101018.jpg', description: 'the record’s own cover image' }) @IsOptional() @IsString() @MaxLength(500) @Matches(COVER_URL, { message: 'coverUrl: an http or https address' }) coverUrl?: string;
  @ApiPropertyOptional({ type: [ItemDto] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ItemDto) items?: ItemDto[];
}

/** Every field optional; `null` clears a field that may be empty (not the title, authors or material type). */
export class UpdateRecordDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) titleReading?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) subtitle?: string | null;
  @ApiPropertyOptional({ type: [AuthorDto] }) @OptionalNotNull() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AuthorDto) authors?: AuthorDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) publisher?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1000) @Max(2100) publishedYear?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) isbn?: string | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Matches(CODE) materialType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) series?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) volume?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(NDC, { message: 'ndc: NDC class number such as 913.6' }) ndc?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) controlNumber?: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true }) @IsOptional() @IsCalendarDate() receivedAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) callNumber?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) @Matches(COVER_URL, { message: 'coverUrl: an http or https address' }) coverUrl?: string | null;
}

/** Statuses a librarian may set by hand; the rest (on loan, on the hold shelf…) belong to the desk. */
export const MANUAL_ITEM_STATUSES = ['on-shelf', 'missing', 'withdrawn'] as const;

export class UpdateItemDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Matches(CODE) branchCode?: string;
  @ApiPropertyOptional({ description: 'false = 禁帯出' }) @OptionalNotNull() @IsBoolean() loanable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) shelfLocation?: string | null;
  @ApiPropertyOptional({ description: '請求記号 of this copy; null: the record’s' }) @IsOptional() @IsString() @MaxLength(60) callNumber?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(CODE) materialType?: string | null;
  @ApiPropertyOptional({ enum: MANUAL_ITEM_STATUSES, description: 'missing (不明), on-shelf (found / reinstated), withdrawn (除籍)' })
  @OptionalNotNull() @IsIn(MANUAL_ITEM_STATUSES) status?: (typeof MANUAL_ITEM_STATUSES)[number];
}
