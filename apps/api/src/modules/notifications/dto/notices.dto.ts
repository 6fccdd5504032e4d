import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate } from '../../../engine/validation';
import { NOTICE_KINDS } from '../templates/defaults';
import { OUTBOX_STATUSES, OutboxStatus } from '../outbox.service';

export class SaveTemplateDto {
  @ApiProperty({ example: '【{{library}}】予約資料をご用意しました' }) @IsString() @MinLength(1) @MaxLength(300) subject!: string;
  @ApiProperty({ example: '{{patron.name}} 様\n\n{{title}} をご用意しました。' }) @IsString() @MinLength(1) @MaxLength(20000) body!: string;
}

export class PreviewTemplateDto {
  @ApiPropertyOptional({ description: 'draft subject; the current one when left out' }) @IsOptional() @IsString() @MaxLength(300) subject?: string;
  @ApiPropertyOptional({ description: 'draft body; the current one when left out' }) @IsOptional() @IsString() @MaxLength(20000) body?: string;
}

export class OutboxQueryDto {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES }) @IsOptional() @IsIn(OUTBOX_STATUSES as unknown as string[]) status?: OutboxStatus;
  @ApiPropertyOptional({ enum: NOTICE_KINDS }) @IsOptional() @IsIn(NOTICE_KINDS as unknown as string[]) kind?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) size?: number;
}

export class RunJobDto {
  @ApiPropertyOptional({ example: '2026-06-01', format: 'date', description: 'the library day to run for (Asia/Tokyo); today when left out' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}
