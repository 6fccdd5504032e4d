import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_LIMITS, type AuditQuery, STATISTICS_MONTHS, type StatisticsQuery } from '@shiori/contracts';

const A = AUDIT_LIMITS;
const M = STATISTICS_MONTHS;

/** `GET /admin/statistics`: how many months back the charts go. */
export class StatisticsQueryDto implements StatisticsQuery {
  @ApiPropertyOptional({ default: M.default, minimum: M.min, maximum: M.max }) @IsOptional() @Type(() => Number) @IsInt() @Min(M.min) @Max(M.max) months: number = M.default;
}

/** `GET /admin/audit`: newest first; filter by action prefix, entity and entity id. */
export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: A.maxPage }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(A.maxPage) page: number = 1;
  @ApiPropertyOptional({ default: A.defaultSize, minimum: 1, maximum: A.maxSize }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(A.maxSize) size: number = A.defaultSize;
  @ApiPropertyOptional({ example: 'loan.', description: 'the start of an action name' }) @IsOptional() @IsString() @MaxLength(A.action) action?: string;
  @ApiPropertyOptional({ example: 'item' }) @IsOptional() @IsString() @MaxLength(A.entity) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(A.entityId) entityId?: string;
}
