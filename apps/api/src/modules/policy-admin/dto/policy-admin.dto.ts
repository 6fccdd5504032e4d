import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateBranchDto {
  @ApiProperty({ example: 'sawara' }) @IsString() @Matches(CODE, { message: 'code: 1–40 of A–Z a–z 0–9 _ -' }) code!: string;
  @ApiProperty({ example: '佐原中央図書館' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() askPickupPoint?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isBookmobile?: boolean;
}

export class UpdateBranchDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() askPickupPoint?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class TimetableEntryDto {
  @ApiPropertyOptional({ description: '0=Sunday … 6=Saturday' }) @IsOptional() @IsInt() @Min(0) @Max(6) weekday?: number;
  @ApiPropertyOptional({ description: 'weeks of the month, e.g. [1,3]' }) @IsOptional() @IsArray() @IsInt({ each: true }) weeks?: number[];
  @ApiPropertyOptional({ example: '10:00-10:30' }) @IsOptional() @IsString() @MaxLength(40) time?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class CreatePickupPointDto {
  @ApiProperty() @IsString() @Matches(CODE, { message: 'code: 1–40 of A–Z a–z 0–9 _ -' }) code!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) nameEn?: string;
  @ApiProperty({ enum: ['counter', 'locker', 'bookmobile-station'] }) @IsIn(['counter', 'locker', 'bookmobile-station']) kind!: 'counter' | 'locker' | 'bookmobile-station';
  @ApiProperty() @IsString() @Matches(CODE) branchCode!: string;
  @ApiPropertyOptional({ type: [TimetableEntryDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TimetableEntryDto) timetable?: TimetableEntryDto[];
}

export class UpdatePickupPointDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ type: [TimetableEntryDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TimetableEntryDto) timetable?: TimetableEntryDto[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class CreateClosedDayDto {
  @ApiPropertyOptional({ description: 'omit for all branches' }) @IsOptional() @IsString() @Matches(CODE) branchCode?: string;
  @ApiProperty({ example: '2026-12-29' }) @IsString() @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) reason?: string;
}

export class AddHolidaysDto {
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional({ description: 'omit for all branches' }) @IsOptional() @IsString() @Matches(CODE) branchCode?: string;
}

export class ExplainDto {
  @ApiPropertyOptional({ example: 'general' }) @IsOptional() @IsString() @MaxLength(40) patronCategory?: string;
  @ApiPropertyOptional({ example: 'book' }) @IsOptional() @IsString() @MaxLength(40) materialType?: string;
  @ApiPropertyOptional({ example: 'central' }) @IsOptional() @IsString() @MaxLength(40) branchCode?: string;
  @ApiPropertyOptional({ enum: ['checkout', 'renew', 'hold'] }) @IsOptional() @IsIn(['checkout', 'renew', 'hold']) action?: string;
}
