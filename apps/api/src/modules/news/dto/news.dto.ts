import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NEWS_LIMITS, type NewsInput, type NewsKind, type NewsQuery } from '@shiori/contracts';
import { IsCalendarDate } from '../../../engine/validation';

export class NewsDto implements NewsInput {
  @ApiProperty({ enum: ['news', 'event'] }) @IsIn(['news', 'event']) kind!: NewsKind;
  @ApiProperty({ example: '年末年始の休館のお知らせ' }) @IsString() @MinLength(1) @MaxLength(NEWS_LIMITS.title) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NEWS_LIMITS.body) body?: string;
  @ApiPropertyOptional({ example: '2026-12-19', format: 'date', description: 'for events' }) @IsOptional() @IsCalendarDate() eventDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NEWS_LIMITS.branchCode) branchCode?: string;
}

/** `GET /news`: latest news, and events from `from` to `to` (default: this month and the next two). */
export class NewsQueryDto implements NewsQuery {
  @ApiPropertyOptional({ enum: ['news', 'event'], description: 'only news, or only events' }) @IsOptional() @IsIn(['news', 'event']) kind?: NewsKind;
  @ApiPropertyOptional({ example: '2026-12-01', format: 'date' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2027-02-28', format: 'date' }) @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ description: 'ignored: a cache buster (the admin console reads past the one-minute cache)' }) @IsOptional() @IsString() @MaxLength(40) fresh?: string;
}
