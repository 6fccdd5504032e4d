import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** The search conditions of an alert: the same fields as the catalogue search. */
export class AlertQueryDto {
  @ApiPropertyOptional({ example: '夏目漱石', description: 'free words (or an ISBN)' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) author?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) publisher?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) isbn?: string;
  @ApiPropertyOptional({ type: [String], example: ['book'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(CODE, { each: true }) materialType?: string[];
  @ApiPropertyOptional({ example: '913', description: 'NDC class or prefix' }) @IsOptional() @IsString() @Matches(/^\d{1,3}(\.\d{0,6})?$/) ndc?: string;
}

export class CreateAlertDto {
  @ApiProperty({ example: '漱石の新刊' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ type: AlertQueryDto }) @IsObject() @ValidateNested() @Type(() => AlertQueryDto) query!: AlertQueryDto;
}

export class RenameAlertDto {
  @ApiProperty({ example: '漱石' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
}
