import { Body, Controller, Get, HttpCode, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { CatalogueImportReport, CatalogueImportSummary, ImportStarted } from '@shiori/contracts';
import { Staff } from '../../../engine/auth/auth.decorators';
import { DomainError } from '../../../engine/errors/domain-error';
import { CatalogErrors } from '../catalog.errors';
import { IMPORT_FORMAT_NAMES, StartImportDto } from '../dto/import.dto';
import { ImportsService } from './imports.service';
import { ApiAnswer } from '../../../engine/openapi/api-answer';

/** Largest catalogue file accepted in one upload. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** What multer's memory storage hands over (its types are not installed). */
interface UploadedCatalogueFile {
  buffer: Buffer;
  originalname?: string;
  size: number;
}

@ApiTags('catalogue (librarians)')
@Controller('t/:slug/admin/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Upload a MARC 21 (ISO 2709), MARCXML or CSV file; it is processed in the background. */
  @Staff() @Post() @ApiAnswer('ImportStarted') @HttpCode(202)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, format: { type: 'string', enum: [...IMPORT_FORMAT_NAMES] } },
    },
  })
  start(@UploadedFile() file: UploadedCatalogueFile | undefined, @Body() body: StartImportDto): Promise<ImportStarted> {
    if (!file || !file.buffer?.length) throw new DomainError(CatalogErrors.IMPORT_FILE_MISSING);
    return this.imports.start(file.buffer, file.originalname ?? null, body.format);
  }

  /** The last 100 imports, newest first (@shiori/contracts CatalogueImportSummary). */
  @Staff() @Get() @ApiAnswer(['CatalogueImportSummary'])
  list(): Promise<CatalogueImportSummary[]> {
    return this.imports.list();
  }

  /** Progress and report (@shiori/contracts CatalogueImportReport): status, total, processed, created, updated, rejected [{index, reason}]. */
  @Staff() @Get(':id') @ApiAnswer('CatalogueImportReport')
  get(@Param('id') id: string): Promise<CatalogueImportReport> {
    return this.imports.get(id);
  }
}
