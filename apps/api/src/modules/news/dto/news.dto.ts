import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class NewsDto {
  @ApiProperty({ enum: ['news', 'event'] }) @IsIn(['news', 'event']) kind!: 'news' | 'event';
  @ApiProperty({ example: '年末年始の休館のお知らせ' }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) body?: string;
  @ApiPropertyOptional({ example: '2026-12-19', description: 'for events' }) @IsOptional() @Matches(DATE, { message: 'eventDate must be YYYY-MM-DD' }) eventDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) branchCode?: string;
}
