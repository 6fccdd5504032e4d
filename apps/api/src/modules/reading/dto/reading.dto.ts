import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
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
