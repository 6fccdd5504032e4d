import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AVAILABILITY_STATES, SEARCH_SORTS, SEARCH_URL_KEYS, SearchSort } from '@shiori/policy';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
/** A record's availability as the copy summary states it (migration 0002): libs/policy's, the OPAC's facet values. */
export { AVAILABILITY_STATES };

/** `a,b` or repeated parameters → ['a','b']. */
const list = () => Transform(({ value }) => (value === undefined || value === '' ? undefined : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean)));
const bool = () =>
  Transform(({ value }) => {
    if (value === undefined || value === '') return undefined;
    if (value === true || value === 'true' || value === '1' || value === 'yes') return true;
    if (value === false || value === 'false' || value === '0' || value === 'no') return false;
    return value;
  });

export class SearchQueryDto {
  @ApiPropertyOptional({ description: 'words, a title reading in hiragana/katakana, or an ISBN', example: '吾輩は猫' })
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) size?: number;
  @ApiPropertyOptional({ enum: SEARCH_SORTS, default: 'relevance', description: 'relevance, newest (received), title (五十音順)' })
  @IsOptional() @IsIn(SEARCH_SORTS) sort?: SearchSort;
  @ApiPropertyOptional({ description: 'one or more, comma separated', example: 'book' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(20) @Matches(CODE, { each: true }) materialType?: string[];
  @ApiPropertyOptional({ description: 'branch codes holding a copy (with available=true: an available copy there)' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(50) @Matches(CODE, { each: true }) branch?: string[];
  @ApiPropertyOptional({ description: 'true: a loanable copy is on the shelf; false: none is' }) @IsOptional() @bool() @IsBoolean() available?: boolean;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(9999) yearFrom?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(9999) yearTo?: number;
  @ApiPropertyOptional({ description: 'NDC classes or prefixes, any of them, comma separated: 9, 91, 913.6 or 913,911' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(20) @Matches(/^\d{1,3}(\.\d{0,6})?$/, { each: true }) ndc?: string[];
  @ApiPropertyOptional({ description: 'availability, any of them, comma separated: available (貸出可), on-loan (貸出中), reference-only (禁帯出のみ), unavailable' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(4) @IsIn(AVAILABILITY_STATES, { each: true }) availability?: string[];
  @ApiPropertyOptional({ description: 'true: only records a patron may reserve now under the city\'s hold rules (予約可)' })
  @IsOptional() @bool() @IsBoolean() reservable?: boolean;
  @ApiPropertyOptional({ description: 'authors\' exact names (the author facet), any of them, comma separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(100, { each: true }) authorName?: string[];
  @ApiPropertyOptional({ description: 'leave out these material types (NOT), comma separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(20) @Matches(CODE, { each: true }) notMaterialType?: string[];
  @ApiPropertyOptional({ description: 'leave out records held at these branches (NOT), comma separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(50) @Matches(CODE, { each: true }) notBranch?: string[];
  @ApiPropertyOptional({ description: 'leave out these availability states (NOT), comma separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(4) @IsIn(AVAILABILITY_STATES, { each: true }) notAvailability?: string[];
  @ApiPropertyOptional({ description: 'leave out these NDC classes or prefixes (NOT), comma separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(20) @Matches(/^\d{1,3}(\.\d{0,6})?$/, { each: true }) notNdc?: string[];
  @ApiPropertyOptional({ description: 'leave out works of these authors (exact names, NOT), comma separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(100, { each: true }) notAuthorName?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) author?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) publisher?: string;
  @ApiPropertyOptional({ description: 'ISBN-10 or ISBN-13, hyphens optional' }) @IsOptional() @IsString() @MaxLength(30) isbn?: string;
}

export class ListQueryDto {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) size?: number;
  @ApiPropertyOptional({ description: 'only copies of this branch' }) @IsOptional() @IsString() @Matches(CODE) branch?: string;
}

export class SuggestQueryDto {
  @ApiProperty({ description: 'what has been typed so far: kana, kanji or Latin letters', example: 'なつめ' })
  @IsString() @MaxLength(100) q!: string;
}

/** Every key of an OPAC search page's URL (libs/policy SEARCH_URL_KEYS) is a parameter of GET /search: tsc fails here when one is not. */
const _searchUrlKeys: readonly (keyof SearchQueryDto)[] = SEARCH_URL_KEYS;
void _searchUrlKeys;
