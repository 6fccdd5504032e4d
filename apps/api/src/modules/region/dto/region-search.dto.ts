import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { REGION_AVAILABILITY_LIMITS, REGION_SEARCH_LIMITS, type RegionAvailabilityQuery, type RegionSearchQuery } from '@shiori/contracts';
import { AVAILABILITY_STATES } from '../../catalog';

const L = REGION_SEARCH_LIMITS;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const SLUG = /^[a-z][a-z0-9-]{1,30}$/;

/** `a,b` or repeated parameters → ['a','b']. */
const list = () =>
  Transform(({ value }) =>
    value === undefined || value === '' ? undefined : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean),
  );
const bool = () =>
  Transform(({ value }) => {
    if (value === undefined || value === '') return undefined;
    if (value === true || value === 'true' || value === '1' || value === 'yes') return true;
    if (value === false || value === 'false' || value === '0' || value === 'no') return false;
    return value;
  });

/** `GET /api/r/{region}/search`: the words of a city's search, the region's facets, and paging over works. */
export class RegionSearchQueryDto implements RegionSearchQuery {
  @ApiPropertyOptional({ description: 'words, a title reading in hiragana/katakana, or an ISBN (as a city’s search)', example: '坊っちゃん' })
  @IsOptional() @IsString() @MaxLength(L.words) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(L.words) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(L.words) author?: string;
  @ApiPropertyOptional({ description: 'ISBN-10 or ISBN-13, hyphens optional' }) @IsOptional() @IsString() @MaxLength(L.isbn) isbn?: string;
  @ApiPropertyOptional({ description: 'only works held by these member libraries (slugs, comma separated)', example: 'kitakyushu' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(L.cities) @Matches(SLUG, { each: true }) city?: string[];
  @ApiPropertyOptional({ description: 'true: on the shelf in some city now; false: not' }) @IsOptional() @bool() @IsBoolean() available?: boolean;
  @ApiPropertyOptional({ description: 'true: only what may be reserved now under each city\'s own hold rules (予約可); false: what may not' })
  @IsOptional() @bool() @IsBoolean() reservable?: boolean;
  @ApiPropertyOptional({ description: 'one or more, comma separated (any of them)', example: 'book' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(L.materialTypes) @Matches(CODE, { each: true }) materialType?: string[];
  @ApiPropertyOptional({ description: 'leave out these material types (NOT), comma separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(L.materialTypes) @Matches(CODE, { each: true }) notMaterialType?: string[];
  @ApiPropertyOptional({ description: 'availability in each city, any of them, comma separated: available (貸出可), on-loan (貸出中), reference-only (禁帯出のみ), unavailable', example: 'available,on-loan' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(AVAILABILITY_STATES.length) @IsIn(AVAILABILITY_STATES, { each: true }) availability?: string[];
  @ApiPropertyOptional({ description: 'leave out these availability states (NOT), comma separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(AVAILABILITY_STATES.length) @IsIn(AVAILABILITY_STATES, { each: true }) notAvailability?: string[];
  @ApiPropertyOptional({ description: "authors' exact names as each city catalogues them, any of them, comma separated (a name another city spells differently is not matched there: `author` matches words in the author field)" })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(L.authorNames) @IsString({ each: true }) @MaxLength(L.authorName, { each: true }) authorName?: string[];
  @ApiPropertyOptional({ description: 'leave out works of these authors (exact names, NOT), comma separated' })
  @IsOptional() @list() @IsArray() @ArrayMaxSize(L.authorNames) @IsString({ each: true }) @MaxLength(L.authorName, { each: true }) notAuthorName?: string[];
  @ApiPropertyOptional({ description: 'published in or after this year' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(9999) yearFrom?: number;
  @ApiPropertyOptional({ description: 'published in or before this year' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(9999) yearTo?: number;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(L.maxPage) page?: number;
  @ApiPropertyOptional({ default: L.defaultSize }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(L.maxSize) size?: number;
}

/** `GET /api/r/{region}/availability?isbn=…`: up to 20 ISBNs, comma separated or repeated. */
export class RegionAvailabilityQueryDto implements RegionAvailabilityQuery {
  @ApiPropertyOptional({ description: 'ISBN-10 or ISBN-13, hyphens optional; up to 20, comma separated', example: '9784101010137,4-10-101013-7' })
  @list() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(REGION_AVAILABILITY_LIMITS.isbns) @IsString({ each: true }) @MaxLength(REGION_AVAILABILITY_LIMITS.isbn, { each: true })
  isbn!: string[];
}
