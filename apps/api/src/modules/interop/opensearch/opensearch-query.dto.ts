import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export const OPENSEARCH_FORMATS = ['rss', 'atom'] as const;

/** GET /api/t/{slug}/opensearch: the parameters of the description document's URL templates. */
export class OpenSearchQueryDto {
  @ApiProperty({ description: 'searchTerms: words, a title reading, or an ISBN', example: '吾輩は猫' })
  @IsString() @MinLength(1) @MaxLength(200) q!: string;
  @ApiPropertyOptional({ description: 'startPage (from 1)', default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) page?: number;
  @ApiPropertyOptional({ description: 'count: results per page', default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) count?: number;
  @ApiPropertyOptional({ enum: OPENSEARCH_FORMATS, default: 'rss' }) @IsOptional() @IsIn(OPENSEARCH_FORMATS) format?: (typeof OPENSEARCH_FORMATS)[number];
}
