import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `GET /admin/statistics`: how many months back the charts go. */
export class StatisticsQueryDto {
  @ApiPropertyOptional({ default: 12, minimum: 1, maximum: 60 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(60) months: number = 12;
}

/** `GET /admin/audit`: newest first; filter by action prefix, entity and entity id. */
export class AuditQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 10000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page: number = 1;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) size: number = 50;
  @ApiPropertyOptional({ example: 'loan.', description: 'the start of an action name' }) @IsOptional() @IsString() @MaxLength(60) action?: string;
  @ApiPropertyOptional({ example: 'item' }) @IsOptional() @IsString() @MaxLength(40) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityId?: string;
}
