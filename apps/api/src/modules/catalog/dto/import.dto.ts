import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** Accepted names of the formats; `marc21`/`mrc` are ISO 2709. */
export const IMPORT_FORMAT_NAMES = ['marc21', 'iso2709', 'mrc', 'marcxml', 'xml', 'csv', 'tsv'] as const;

export class StartImportDto {
  @ApiPropertyOptional({ enum: IMPORT_FORMAT_NAMES, description: 'omit to detect from the content' })
  @IsOptional() @IsIn(IMPORT_FORMAT_NAMES) format?: (typeof IMPORT_FORMAT_NAMES)[number];
}
