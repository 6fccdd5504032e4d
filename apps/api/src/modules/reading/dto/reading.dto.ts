import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

export class CreateShelfDto {
  @ApiProperty({ example: '夏休みに読む本' }) @IsString() @MinLength(1) @MaxLength(60) name!: string;
}

export class ShelfEntryDto {
  @ApiPropertyOptional({ enum: ['read', 'want', null], description: '読了 / 読みたい本' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(['read', 'want'])
  mark?: 'read' | 'want' | null;
  @ApiPropertyOptional({ description: 'a category of the patron’s own' }) @IsOptional() @IsString() @MaxLength(40) category?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class HistoryOptInDto {
  @ApiProperty() @IsBoolean() enabled!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) nickname?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() termsAccepted?: boolean;
}

export class ReadingGoalDto {
  @ApiProperty({ example: 50 }) @IsInt() @Min(1) @Max(10000) target!: number;
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;
}

/** `GET /me/history`: a page of the reading history, newest first. */
export class HistoryQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 10000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page: number = 1;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) size: number = 50;
}

/** `GET /me/reading-goal`: the year (this year when left out). */
export class ReadingGoalQueryDto {
  @ApiPropertyOptional({ example: 2026, minimum: 2000, maximum: 2100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}
