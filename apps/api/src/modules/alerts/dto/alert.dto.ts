import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ALERT_LIMITS } from '@shiori/contracts';
import type { AlertQuery, AlertRenameRequest, NewAlertRequest } from '@shiori/contracts';
import { AVAILABILITY_STATES } from '../../catalog';

const L = ALERT_LIMITS;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const NDC = /^\d{1,3}(\.\d{0,6})?$/;

/** A list of values; one string is read as a comma-separated list (alerts saved before lists: `ndc: '913'`). */
const list = () => Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value));

/**
 * The search conditions of an alert: the fields of the catalogue search (GET /search), its
 * words and its filters, as JSON (lists are arrays, flags booleans, years numbers).
 */
export class AlertQueryDto implements AlertQuery {
  @ApiPropertyOptional({ example: '夏目漱石', description: 'free words (or an ISBN)' }) @IsOptional() @IsString() @MaxLength(L.text) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(L.text) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(L.text) author?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(L.text) publisher?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(L.isbn) isbn?: string;
  @ApiPropertyOptional({ type: [String], example: ['book'] })
  @IsOptional() @IsArray() @ArrayMaxSize(L.codes) @Matches(CODE, { each: true }) materialType?: string[];
  @ApiPropertyOptional({ type: [String], example: ['913'], description: 'NDC classes or prefixes, any of them (one string: comma separated)' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(L.codes) @Matches(NDC, { each: true }) ndc?: string[];
  @ApiPropertyOptional({ type: [String], description: 'branch codes holding a copy (with available: an available copy there)' })
  @IsOptional() @IsArray() @ArrayMaxSize(L.branches) @Matches(CODE, { each: true }) branch?: string[];
  @ApiPropertyOptional({ description: 'true: a loanable copy is on the shelf; false: none is' }) @IsOptional() @IsBoolean() available?: boolean;
  @ApiPropertyOptional({ type: [String], enum: AVAILABILITY_STATES, description: 'availability states, any of them' })
  @IsOptional() @IsArray() @ArrayMaxSize(4) @IsIn(AVAILABILITY_STATES, { each: true }) availability?: string[];
  @ApiPropertyOptional({ description: 'true: only records a patron may reserve under the city\'s hold rules (予約可)' }) @IsOptional() @IsBoolean() reservable?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'authors\' exact names, any of them' })
  @IsOptional() @IsArray() @ArrayMaxSize(L.authorNames) @IsString({ each: true }) @MaxLength(L.authorName, { each: true }) authorName?: string[];
  @ApiPropertyOptional({ example: 1990 }) @IsOptional() @IsInt() @Min(0) @Max(9999) yearFrom?: number;
  @ApiPropertyOptional({ example: 2020 }) @IsOptional() @IsInt() @Min(0) @Max(9999) yearTo?: number;
  @ApiPropertyOptional({ type: [String], description: 'leave out these material types (NOT)' })
  @IsOptional() @IsArray() @ArrayMaxSize(L.codes) @Matches(CODE, { each: true }) notMaterialType?: string[];
  @ApiPropertyOptional({ type: [String], description: 'leave out records held at these branches (NOT)' })
  @IsOptional() @IsArray() @ArrayMaxSize(L.branches) @Matches(CODE, { each: true }) notBranch?: string[];
  @ApiPropertyOptional({ type: [String], enum: AVAILABILITY_STATES, description: 'leave out these availability states (NOT)' })
  @IsOptional() @IsArray() @ArrayMaxSize(4) @IsIn(AVAILABILITY_STATES, { each: true }) notAvailability?: string[];
  @ApiPropertyOptional({ type: [String], description: 'leave out these NDC classes or prefixes (NOT)' })
  @IsOptional() @IsArray() @ArrayMaxSize(L.codes) @Matches(NDC, { each: true }) notNdc?: string[];
  @ApiPropertyOptional({ type: [String], description: 'leave out works of these authors (exact names, NOT)' })
  @IsOptional() @IsArray() @ArrayMaxSize(L.authorNames) @IsString({ each: true }) @MaxLength(L.authorName, { each: true }) notAuthorName?: string[];
}

export class CreateAlertDto implements NewAlertRequest {
  @ApiProperty({ example: '漱石の新刊' }) @IsString() @MinLength(1) @MaxLength(L.name) name!: string;
  @ApiProperty({ type: AlertQueryDto }) @IsObject() @ValidateNested() @Type(() => AlertQueryDto) query!: AlertQueryDto;
}

export class RenameAlertDto implements AlertRenameRequest {
  @ApiProperty({ example: '漱石' }) @IsString() @MinLength(1) @MaxLength(L.name) name!: string;
}
