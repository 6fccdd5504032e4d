import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ExplainDto {
  @ApiPropertyOptional({ example: 'general' }) @IsOptional() @IsString() @MaxLength(40) patronCategory?: string;
  @ApiPropertyOptional({ example: 'book' }) @IsOptional() @IsString() @MaxLength(40) materialType?: string;
  @ApiPropertyOptional({ example: 'central' }) @IsOptional() @IsString() @MaxLength(40) branchCode?: string;
  @ApiPropertyOptional({ enum: ['checkout', 'renew', 'hold'] }) @IsOptional() @IsIn(['checkout', 'renew', 'hold']) action?: string;
}
