import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import {
  type HistoryOptIn,
  type HistoryQuery,
  READING_LIMITS as L,
  type ReadingGoalInput,
  type ReadingGoalQuery,
  type ReadMark,
  type ShelfEntryInput,
  type ShelfInput,
} from '@shiori/contracts';

export class CreateShelfDto implements ShelfInput {
  @ApiProperty({ example: '夏休みに読む本' }) @IsString() @MinLength(1) @MaxLength(L.shelfName) name!: string;
}

export class ShelfEntryDto implements ShelfEntryInput {
  @ApiPropertyOptional({ enum: ['read', 'want', null], description: '読了 / 読みたい本' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(['read', 'want'])
  mark?: ReadMark | null;
  @ApiPropertyOptional({ description: 'a category of the patron’s own' }) @IsOptional() @IsString() @MaxLength(L.category) category?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(L.note) note?: string;
}

export class HistoryOptInDto implements HistoryOptIn {
  @ApiProperty() @IsBoolean() enabled!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(L.nickname) nickname?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() termsAccepted?: boolean;
}

export class ReadingGoalDto implements ReadingGoalInput {
  @ApiProperty({ example: 50 }) @IsInt() @Min(L.goalTarget.min) @Max(L.goalTarget.max) target!: number;
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @IsInt() @Min(L.goalYear.min) @Max(L.goalYear.max) year?: number;
}

/** `GET /me/history`: a page of the reading history, newest first. */
export class HistoryQueryDto implements HistoryQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: L.history.maxPage }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(L.history.maxPage) page: number = 1;
  @ApiPropertyOptional({ default: L.history.defaultSize, minimum: 1, maximum: L.history.maxSize }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(L.history.maxSize) size: number = L.history.defaultSize;
}

/** `GET /me/reading-goal`: the year (this year when left out). */
export class ReadingGoalQueryDto implements ReadingGoalQuery {
  @ApiPropertyOptional({ example: 2026, minimum: L.goalYear.min, maximum: L.goalYear.max }) @IsOptional() @Type(() => Number) @IsInt() @Min(L.goalYear.min) @Max(L.goalYear.max) year?: number;
}
