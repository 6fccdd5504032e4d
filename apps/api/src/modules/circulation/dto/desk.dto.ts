import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsInstant } from '../../../engine/validation';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export class CheckoutDto {
  @ApiProperty({ example: '0123456-7', description: 'as typed or scanned; normalised by the policy (hyphens, full-width digits, legacy prefixes)' })
  @IsString() @MinLength(1) @MaxLength(40) cardNumber!: string;

  @ApiProperty({ example: '1000123456' }) @IsString() @MinLength(1) @MaxLength(64) itemBarcode!: string;

  @ApiPropertyOptional({ example: 'koga', description: '広域利用: `cardNumber` is a card of this city (a visitor admitted by the home card; see POST admin/visitors)' })
  @IsOptional() @IsString() @Matches(/^[a-z][a-z0-9-]{1,30}$/) homeCity?: string;

  @ApiPropertyOptional({ description: 'borrowed from outside the city (interlibrary loan)' }) @IsOptional() @IsBoolean() ill?: boolean;

  @ApiPropertyOptional({ example: '2026-05-01T10:30:00+09:00', format: 'date-time', description: 'back-dated loan time (past only), e.g. a bookmobile’s offline loans' })
  @IsOptional() @IsInstant() at?: string;

  @ApiPropertyOptional({ example: 'central', description: 'lending branch; defaults to the copy’s branch' })
  @IsOptional() @IsString() @Matches(CODE) branchCode?: string;

  @ApiPropertyOptional({ example: 'bm-09', description: 'lent on the bookmobile at this station: the loan is due on one of its visits' })
  @IsOptional() @IsString() @Matches(CODE) stationCode?: string;
}

export class CheckinDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) itemBarcode!: string;

  @ApiPropertyOptional({ example: 'central', description: 'where the copy is checked in; a copy trapped for a hold elsewhere goes in transit' })
  @IsOptional() @IsString() @Matches(CODE) branchCode?: string;

  @ApiPropertyOptional({ example: 'bm-09', description: 'taken back on the bookmobile at this station (checked in at the bus)' })
  @IsOptional() @IsString() @Matches(CODE) stationCode?: string;

  @ApiPropertyOptional({ example: '2026-05-01T08:00:00+09:00', format: 'date-time', description: 'back-dated return time (past only), e.g. the book drop' })
  @IsOptional() @IsInstant() at?: string;
}

export class DeskRenewalDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) itemBarcode!: string;

  @ApiPropertyOptional({ enum: ['counter', 'phone'], description: 'counter (default) or a patron’s phone call' })
  @IsOptional() @IsIn(['counter', 'phone']) channel?: 'counter' | 'phone';
}
