import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  NOTICE_KINDS,
  NOTICE_TEMPLATE_LIMITS,
  type NoticeKind,
  type NoticeTemplateDraft,
  type NoticeTemplateInput,
  OUTBOX_LIMITS,
  OUTBOX_STATUSES,
  type OutboxQuery,
  type OutboxStatus,
} from '@shiori/contracts';
import { IsCalendarDate } from '../../../engine/validation';

const T = NOTICE_TEMPLATE_LIMITS;

export class SaveTemplateDto implements NoticeTemplateInput {
  @ApiProperty({ example: '【{{library}}】予約資料をご用意しました' }) @IsString() @MinLength(1) @MaxLength(T.subject) subject!: string;
  @ApiProperty({ example: '{{patron.name}} 様\n\n{{title}} をご用意しました。' }) @IsString() @MinLength(1) @MaxLength(T.body) body!: string;
}

export class PreviewTemplateDto implements NoticeTemplateDraft {
  @ApiPropertyOptional({ description: 'draft subject; the current one when left out' }) @IsOptional() @IsString() @MaxLength(T.subject) subject?: string;
  @ApiPropertyOptional({ description: 'draft body; the current one when left out' }) @IsOptional() @IsString() @MaxLength(T.body) body?: string;
}

export class OutboxQueryDto implements OutboxQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES }) @IsOptional() @IsIn(OUTBOX_STATUSES as unknown as string[]) status?: OutboxStatus;
  @ApiPropertyOptional({ enum: NOTICE_KINDS }) @IsOptional() @IsIn(NOTICE_KINDS as unknown as string[]) kind?: NoticeKind;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(OUTBOX_LIMITS.maxPage) page?: number;
  @ApiPropertyOptional({ default: OUTBOX_LIMITS.defaultSize }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(OUTBOX_LIMITS.maxSize) size?: number;
}

export class RunJobDto {
  @ApiPropertyOptional({ example: '2026-06-01', format: 'date', description: 'the library day to run for (Asia/Tokyo); today when left out' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}
