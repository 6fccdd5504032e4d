import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../../engine/validation';

/**
 * One stop of a station, as the timetable editor sends it. Only the shape is checked here;
 * real times, dates, the bus's stations and overlaps are the policy library's (parseTimetable),
 * which answers each as a field error.
 */
export class StopDto {
  @ApiPropertyOptional({ description: '0=Sunday … 6=Saturday; omit for dates only', nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(6) weekday?: number | null;
  @ApiPropertyOptional({ example: [1, 3], description: 'weeks of the month (第1・第3 = [1,3]); [] every week' })
  @IsOptional() @IsArray() @ArrayMaxSize(5) @IsInt({ each: true }) @Min(1, { each: true }) @Max(5, { each: true }) weeks?: number[];
  @ApiPropertyOptional({ example: ['2026-12-26'] }) @IsOptional() @IsArray() @ArrayMaxSize(366) @IsCalendarDate({ each: true }) dates?: string[];
  @ApiProperty({ example: '10:00' }) @IsString() @MaxLength(5) start!: string;
  @ApiProperty({ example: '10:40' }) @IsString() @MaxLength(5) end!: string;
  @ApiPropertyOptional({ example: '正門前' }) @IsOptional() @IsString() @MaxLength(200) place?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
  @ApiPropertyOptional({ description: 'a school station: no stop in school holidays' }) @IsOptional() @IsBoolean() school?: boolean;
}

export class PutStopsDto {
  @ApiProperty({ type: [StopDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => StopDto) stops!: StopDto[];
}

export class SchoolHolidayDto {
  @ApiProperty({ example: '2026-12-24' }) @IsCalendarDate() first!: string;
  @ApiProperty({ example: '2027-01-07' }) @IsCalendarDate() last!: string;
  @ApiPropertyOptional({ example: '冬休み' }) @IsOptional() @IsString() @MaxLength(200) note?: string;
}

/** The bus's own closed days and the school holidays (school stations are not served then). */
export class PutClosuresDto {
  @ApiProperty({ example: ['2026-12-29'] }) @IsArray() @ArrayMaxSize(366) @IsCalendarDate({ each: true }) closedDays!: string[];
  @ApiProperty({ type: [SchoolHolidayDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SchoolHolidayDto) schoolHolidays!: SchoolHolidayDto[];
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'default today' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'weeks to show (default 8)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(26) weeks?: number;
}

export class PublicBookmobileQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'first day of the month view (default: the 1st of this month)' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'next visits listed per station (default 3)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(8) visits?: number;
}

export class ImportTimetableDto {
  @ApiProperty({
    description: 'CSV with a header: station,days,start,end,place,note,school — station by name or code; days as 毎週火 / 第1・第3火 / 2026-12-01;2026-12-15',
    example: 'station,days,start,end,place,note\n駒場公園,第1・第3火,10:00,10:40,駐車場東側,',
  })
  @IsString() @MaxLength(200_000) csv!: string;
}

export class TodayQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'default today' }) @IsOptional() @IsCalendarDate() date?: string;
}
