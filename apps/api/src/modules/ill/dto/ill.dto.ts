import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ILL_STATUSES, IllStatus } from '@shiori/policy';
import { OptionalNotNull } from '../../../engine/validation';

const SLUG = /^[a-z][a-z0-9-]{1,30}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export class CreateIllRequestDto {
  @ApiProperty({ example: 'koga', description: 'the lending city (a fellow member of a region, with an agreement that provides for ILL)' })
  @IsString() @Matches(SLUG) lenderCity!: string;

  @ApiProperty({ format: 'uuid', description: 'the lender’s record id, as the regional search gives it' })
  @IsUUID() recordId!: string;

  @ApiProperty({ example: '0001001', description: 'the patron’s card number at this city (as typed or scanned)' })
  @IsString() @MinLength(1) @MaxLength(40) cardNumber!: string;

  @ApiPropertyOptional({ example: 'central', description: 'where the patron picks the copy up' })
  @IsOptional() @IsString() @Matches(CODE) pickupBranchCode?: string;

  @ApiPropertyOptional({ example: '3月末までに必要', description: 'a note for the lending city' })
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** A patron's own ask (マイページから取り寄せ申込): no card number, the signed-in patron's. */
export class AskIllDto {
  @ApiProperty({ example: 'koga', description: 'the lending city: a fellow member whose agreement lets this city’s patrons ask' })
  @IsString() @Matches(SLUG) lenderCity!: string;

  @ApiProperty({ format: 'uuid', description: 'the lender’s record id (its record page or the regional search)' })
  @IsUUID() recordId!: string;

  @ApiPropertyOptional({ example: 'central', description: 'where the patron will pick the copy up' })
  @IsOptional() @IsString() @Matches(CODE) pickupBranchCode?: string;

  @ApiPropertyOptional({ example: '3月末までに読みたい', description: 'a note for the librarian' })
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class IllListQueryDto {
  @ApiPropertyOptional({ enum: ILL_STATUSES }) @IsOptional() @IsIn(ILL_STATUSES) status?: IllStatus;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) size?: number;
}

export class AcceptIllDto {
  @ApiProperty({ example: '1000123456', description: 'the copy picked from the shelf' })
  @IsString() @MinLength(1) @MaxLength(64) itemBarcode!: string;
}

export class DeclineIllDto {
  @ApiProperty({ example: '貸出禁止資料のため', description: 'why (the borrowing city reads it)' })
  @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

export class IllCheckinDto {
  @ApiProperty({ example: '1000123456', description: 'a barcode scanned at the desk that is not a copy of this city' })
  @IsString() @MinLength(1) @MaxLength(64) itemBarcode!: string;

  @ApiPropertyOptional({ example: 'koga', description: 'the city that owns the copy, when several cities have a copy with this barcode (ILL_RETURN_AMBIGUOUS)' })
  @IsOptional() @IsString() @Matches(SLUG) lenderCity?: string;
}

export class DeliverCityMessagesDto {
  @ApiPropertyOptional({ type: [String], example: ['katori', 'koga'], description: 'only these senders (default: every active city)' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @Matches(SLUG, { each: true }) tenants?: string[];
}

export const CITY_MESSAGE_STATUSES = ['pending', 'delivered', 'failed'] as const;

export class CityMessagesQueryDto {
  @ApiPropertyOptional({ enum: CITY_MESSAGE_STATUSES }) @IsOptional() @IsIn(CITY_MESSAGE_STATUSES) status?: (typeof CITY_MESSAGE_STATUSES)[number];
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) size?: number;
}
