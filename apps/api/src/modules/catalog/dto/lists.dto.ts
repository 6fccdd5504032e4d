import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateRecommendedListDto {
  @ApiProperty({ example: '夏休みに読みたい本' }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() published?: boolean;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @IsInt() @Min(-10000) @Max(10000) sort?: number;
  @ApiPropertyOptional({ description: 'record ids, in display order' }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) recordIds?: string[];
}

export class UpdateRecommendedListDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() published?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-10000) @Max(10000) sort?: number;
  @ApiPropertyOptional({ description: 'replaces the entries, in display order' }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) recordIds?: string[];
}
