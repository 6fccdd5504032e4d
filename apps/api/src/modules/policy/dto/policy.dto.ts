import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { POLICY_LIMITS } from '@shiori/contracts';
import type { PolicyExplainRequest } from '@shiori/contracts';

export class ExplainDto implements PolicyExplainRequest {
  @ApiPropertyOptional({ example: 'general' }) @IsOptional() @IsString() @MaxLength(POLICY_LIMITS.code) patronCategory?: string;
  @ApiPropertyOptional({ example: 'book' }) @IsOptional() @IsString() @MaxLength(POLICY_LIMITS.code) materialType?: string;
  @ApiPropertyOptional({ example: 'central' }) @IsOptional() @IsString() @MaxLength(POLICY_LIMITS.code) branchCode?: string;
  @ApiPropertyOptional({ enum: ['checkout', 'renew', 'hold'] }) @IsOptional() @IsIn(['checkout', 'renew', 'hold']) action?: PolicyExplainRequest['action'];
}
