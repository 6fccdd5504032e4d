import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { OptionalNotNull } from '../../../engine/validation';

/** A region's code: the path segment of `/api/r/{code}` and `/opac/r/{code}/`. */
export const REGION_CODE = /^[a-z][a-z0-9-]{1,30}$/;
const SLUG = /^[a-z][a-z0-9-]{1,30}$/;
const MAX_MEMBERS = 200;

export class CreateRegionDto {
  @ApiProperty({ pattern: REGION_CODE.source, example: 'fukuoka' })
  @IsString()
  @Matches(REGION_CODE, { message: 'code must match ^[a-z][a-z0-9-]{1,30}$' })
  code!: string;

  @ApiProperty({ example: '福岡県' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;

  @ApiPropertyOptional({ example: 'Fukuoka Prefecture' }) @IsOptional() @IsString() @MaxLength(100) nameEn?: string;

  @ApiProperty({ type: [String], description: 'the member libraries (tenant slugs)', example: ['kitakyushu', 'koga'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEMBERS)
  @ArrayUnique()
  @Matches(SLUG, { each: true, message: 'each member must be a library slug (^[a-z][a-z0-9-]{1,30}$)' })
  members!: string[];
}

/** `PATCH /api/platform/regions/{code}`: at least one field; members are added and removed by slug. */
export class UpdateRegionDto {
  @ApiPropertyOptional({ example: '福岡県' }) @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'empty or null clears it' })
  @ValidateIf((o: UpdateRegionDto) => o.nameEn !== null && o.nameEn !== undefined)
  @IsString()
  @MaxLength(100)
  nameEn?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'libraries (slugs) to add' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @ArrayUnique()
  @Matches(SLUG, { each: true, message: 'each member must be a library slug (^[a-z][a-z0-9-]{1,30}$)' })
  addMembers?: string[];

  @ApiPropertyOptional({ type: [String], description: 'libraries (slugs) to remove' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @ArrayUnique()
  @Matches(SLUG, { each: true, message: 'each member must be a library slug (^[a-z][a-z0-9-]{1,30}$)' })
  removeMembers?: string[];
}
