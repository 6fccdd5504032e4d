import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class LoginDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) username!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

export class CreateTenantDto {
  @ApiProperty({ pattern: '^[a-z][a-z0-9-]{1,30}$', example: 'katori' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,30}$/, { message: 'slug must match ^[a-z][a-z0-9-]{1,30}$' })
  slug!: string;

  @ApiProperty({ example: '香取市立図書館' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;

  @ApiPropertyOptional({ example: 'katori' }) @IsOptional() @IsString() @MaxLength(40) preset?: string;
}

export class UpdateTenantDto {
  @ApiProperty({ enum: ['active', 'suspended'] }) @IsIn(['active', 'suspended']) status!: 'active' | 'suspended';
}

export class CreateStaffDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9._@-]{3,60}$/, { message: 'username: 3–60 of A–Z a–z 0–9 . _ @ -' }) username!: string;
  @ApiProperty() @IsString() @MaxLength(200) password!: string;
  @ApiProperty({ enum: ['librarian'] }) @IsIn(['librarian']) role!: 'librarian';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) displayName?: string;
}

/** `PATCH /api/platform/staff/{id}`: at least one field. The role is fixed by the account's kind (see the service). */
export class UpdateStaffDto {
  @ApiPropertyOptional({ nullable: true, maxLength: 100, description: 'empty or null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string | null;

  @ApiPropertyOptional({ description: 'true disables the account and ends its sessions at once; false enables it again' })
  @ValidateIf((o: UpdateStaffDto) => o.disabled !== undefined)
  @IsBoolean()
  disabled?: boolean;
}

/** A staff member's own password change (`PUT /api/platform/me/password`, `PUT /api/t/{slug}/staff/me/password`). */
export class ChangeStaffPasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) currentPassword!: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MaxLength(200) newPassword!: string;
}
