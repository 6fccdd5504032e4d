import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../../engine/validation';

const SLUG = /^[a-z][a-z0-9-]{1,30}$/;
/** A member library in a query: `{city slug}:{branch code}`. */
export const LIBRARY_REF = /^[a-z][a-z0-9-]{1,30}:[A-Za-z0-9_-]{1,40}$/;

/**
 * One call of a run: a branch of a member city. Only the shape is checked here; membership,
 * real branches and duplicates are the policy library's (parseCourierTimetable), answered as
 * field errors of 422 COURIER_INVALID.
 */
export class CourierStopDto {
  @ApiProperty({ example: 'kitakyushu', description: 'the member city (tenant slug)' })
  @IsString()
  @Matches(SLUG, { message: 'city must be a library slug (^[a-z][a-z0-9-]{1,30}$)' })
  city!: string;

  @ApiProperty({ example: 'central', description: 'the branch code in that city' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, { message: 'branch must be a branch code' })
  branch!: string;
}

export class CourierRunDto {
  @ApiPropertyOptional({ example: '火曜便' }) @IsOptional() @IsString() @MaxLength(100) name?: string;
  @ApiPropertyOptional({ description: '0=Sunday … 6=Saturday; omit or null for dates only', nullable: true, example: 2 })
  @IsOptional() @IsInt() @Min(0) @Max(6) weekday?: number | null;
  @ApiPropertyOptional({ example: [2, 4], description: 'weeks of the month (第2・第4 = [2,4]); [] every week' })
  @IsOptional() @IsArray() @ArrayMaxSize(5) @IsInt({ each: true }) @Min(1, { each: true }) @Max(5, { each: true }) weeks?: number[];
  @ApiPropertyOptional({ example: ['2026-12-28'], description: 'extra dates of the run' })
  @IsOptional() @IsArray() @ArrayMaxSize(366) @IsCalendarDate({ each: true }) dates?: string[];
  @ApiProperty({ type: [CourierStopDto], description: 'the libraries called at, in order' })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CourierStopDto) stops!: CourierStopDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class CourierClosureDto {
  @ApiProperty({ example: '2026-12-29' }) @IsCalendarDate() first!: string;
  @ApiProperty({ example: '2027-01-03' }) @IsCalendarDate() last!: string;
  @ApiPropertyOptional({ example: '年末年始' }) @IsOptional() @IsString() @MaxLength(200) note?: string;
}

/** `PUT /api/platform/regions/{code}/courier`: the whole timetable, replaced. */
export class PutCourierDto {
  @ApiPropertyOptional({ description: 'an item handed over on a courier day leaves on that day’s run (default true)' })
  @IsOptional() @IsBoolean() sameDayHandover?: boolean;
  @ApiProperty({ type: [CourierRunDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CourierRunDto) runs!: CourierRunDto[];
  @ApiProperty({ type: [CourierClosureDto], description: 'days the courier does not run (年末年始)' })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CourierClosureDto) closures!: CourierClosureDto[];
}

export class CourierArrivalQueryDto {
  @ApiProperty({ example: 'kitakyushu:central', description: 'the sending library, `{city}:{branch}`' })
  @IsString() @Matches(LIBRARY_REF, { message: 'from must be {city}:{branch}, e.g. kitakyushu:central' }) from!: string;
  @ApiProperty({ example: 'koga:main', description: 'the receiving library, `{city}:{branch}`' })
  @IsString() @Matches(LIBRARY_REF, { message: 'to must be {city}:{branch}, e.g. koga:main' }) to!: string;
  @ApiPropertyOptional({ format: 'date', description: 'the day it is handed over (default today in Japan)' }) @IsOptional() @IsCalendarDate() date?: string;
}
