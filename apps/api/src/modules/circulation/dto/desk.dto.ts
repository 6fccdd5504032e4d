import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
/** ISO 8601 with an offset: a back-dated time must say which time zone it was taken in. */
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

export class CheckoutDto {
  @ApiProperty({ example: '0123456-7', description: 'as typed or scanned; normalised by the policy (hyphens, full-width digits, legacy prefixes)' })
  @IsString() @MinLength(1) @MaxLength(40) cardNumber!: string;

  @ApiProperty({ example: '1000123456' }) @IsString() @MinLength(1) @MaxLength(64) itemBarcode!: string;

  @ApiPropertyOptional({ description: 'borrowed from outside the city (interlibrary loan)' }) @IsOptional() @IsBoolean() ill?: boolean;

  @ApiPropertyOptional({ example: '2026-05-01T10:30:00+09:00', description: 'back-dated loan time (past only), e.g. a bookmobile’s offline loans' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(WITH_OFFSET, { message: 'at needs a time zone offset' }) at?: string;

  @ApiPropertyOptional({ example: 'central', description: 'lending branch; defaults to the copy’s branch' })
  @IsOptional() @IsString() @Matches(CODE) branchCode?: string;
}

export class CheckinDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) itemBarcode!: string;

  @ApiPropertyOptional({ example: 'central', description: 'where the copy is checked in; a copy trapped for a hold elsewhere goes in transit' })
  @IsOptional() @IsString() @Matches(CODE) branchCode?: string;

  @ApiPropertyOptional({ example: '2026-05-01T08:00:00+09:00', description: 'back-dated return time (past only), e.g. the book drop' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(WITH_OFFSET, { message: 'at needs a time zone offset' }) at?: string;
}

export class DeskRenewalDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) itemBarcode!: string;

  @ApiPropertyOptional({ enum: ['counter', 'phone'], description: 'counter (default) or a patron’s phone call' })
  @IsOptional() @IsIn(['counter', 'phone']) channel?: 'counter' | 'phone';
}
