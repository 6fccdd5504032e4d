import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsUUID } from 'class-validator';

export class AddToCartDto {
  @ApiProperty() @IsUUID('all') recordId!: string;
}

export class SelectCartItemDto {
  @ApiProperty() @IsBoolean() selected!: boolean;
}
