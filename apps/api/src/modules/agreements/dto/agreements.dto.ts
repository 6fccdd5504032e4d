import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AGREEMENT_PRESET_SLUGS, AGREEMENT_SITUATIONS } from '@shiori/policy';
import { IsCalendarDate, OptionalNotNull } from '../../../engine/validation';

const SLUG = /^[a-z][a-z0-9-]{1,30}$/;
const SLUG_MESSAGE = 'a city: ^[a-z][a-z0-9-]{1,30}$';

/**
 * `POST /api/platform/agreements`: residents of `homeCity` at `hostCity`, or at every other
 * member of `hostRegion` (exactly one of the two), on a preset's terms and/or given terms.
 */
export class CreateAgreementDto {
  @ApiProperty({ example: 'koga', description: 'the city whose residents (patrons) use the host' }) @IsString() @Matches(SLUG, { message: SLUG_MESSAGE }) homeCity!: string;
  @ApiPropertyOptional({ example: 'kitakyushu', description: 'the city that lends to them (or hostRegion)' })
  @OptionalNotNull() @IsString() @Matches(SLUG, { message: SLUG_MESSAGE }) hostCity?: string;
  @ApiPropertyOptional({
    example: 'fukuoka',
    description: 'a region the home city is a member of: every other member lends to them (instead of hostCity). With reciprocal: the same for every member as home',
  })
  @OptionalNotNull() @IsString() @Matches(SLUG, { message: 'a region code: ^[a-z][a-z0-9-]{1,30}$' }) hostRegion?: string;
  @ApiPropertyOptional({ enum: AGREEMENT_PRESET_SLUGS, description: '相互利用 (mutual-use) or 共通利用券 (common-card); `terms` given override it' })
  @OptionalNotNull() @IsIn(AGREEMENT_PRESET_SLUGS) preset?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'the terms (libs/policy AgreementTermsSchema); validated as a whole' })
  @OptionalNotNull() @IsObject() terms?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'also create the same terms the other way round (host residents at the home city; with hostRegion, every member’s residents)' })
  @OptionalNotNull() @IsBoolean() reciprocal?: boolean;
}

/** `PATCH /api/platform/agreements/{id}`: the whole new terms, or a preset's. */
export class UpdateAgreementDto {
  @ApiPropertyOptional({ enum: AGREEMENT_PRESET_SLUGS }) @OptionalNotNull() @IsIn(AGREEMENT_PRESET_SLUGS) preset?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @OptionalNotNull() @IsObject() terms?: Record<string, unknown>;
}

/** The explain tester: a situation at the host's desk. */
export class ExplainAgreementDto {
  @ApiProperty({ example: 'koga' }) @IsString() @Matches(SLUG, { message: SLUG_MESSAGE }) homeCity!: string;
  @ApiProperty({ example: 'kitakyushu' }) @IsString() @Matches(SLUG, { message: SLUG_MESSAGE }) hostCity!: string;
  @ApiProperty({ enum: AGREEMENT_SITUATIONS }) @IsIn(AGREEMENT_SITUATIONS) situation!: (typeof AGREEMENT_SITUATIONS)[number];
  @ApiPropertyOptional({ description: 'checkout: the visitor’s open loans at the host' }) @OptionalNotNull() @Type(() => Number) @IsInt() @Min(0) @Max(999) currentLoans?: number;
  @ApiPropertyOptional({ description: 'renew: renewals already made' }) @OptionalNotNull() @Type(() => Number) @IsInt() @Min(0) @Max(99) renewals?: number;
  @ApiPropertyOptional({ format: 'date', description: 'the day of the situation; default today' }) @OptionalNotNull() @IsCalendarDate() today?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'try terms not yet saved (the editor’s draft)' })
  @OptionalNotNull() @IsObject() terms?: Record<string, unknown>;
}

/** `POST /api/t/{slug}/admin/visitors`: a resident of another city at this city's desk. */
export class RegisterVisitorDto {
  @ApiProperty({ example: 'koga', description: 'the city the visitor lives in' }) @IsString() @Matches(SLUG, { message: SLUG_MESSAGE }) homeCity!: string;
  @ApiProperty({ example: '100012345', description: 'the visitor’s card of the home city, as typed or scanned' }) @IsString() @MinLength(1) @MaxLength(40) homeCardNumber!: string;
  @ApiPropertyOptional({ example: '0123456-7', description: 'this library’s new card for the visitor (agreements where the host issues its own card)' })
  @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(40) cardNumber?: string;
}
