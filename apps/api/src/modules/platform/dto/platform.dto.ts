import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { PlatformAuditQuery } from '@shiori/contracts';
import { IsCalendarDateOrInstant, OptionalNotNull } from '../../../engine/validation';

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

/** `PATCH /api/platform/tenants/{slug}`: at least one field. */
export class UpdateTenantDto {
  @ApiPropertyOptional({ enum: ['active', 'suspended'] }) @OptionalNotNull() @IsIn(['active', 'suspended']) status?: 'active' | 'suspended';

  @ApiPropertyOptional({
    nullable: true,
    maxLength: 200,
    example: 'https://library.city.katori.example.jp',
    description: 'the city’s own public base URL: links in its mail start with it (then /opac/{slug}/…); null or empty = the instance’s PUBLIC_URL',
  })
  @ValidateIf((o: UpdateTenantDto) => o.publicUrl !== null && o.publicUrl !== undefined)
  @IsString()
  @MaxLength(200)
  publicUrl?: string | null;
}

const USERNAME = /^[A-Za-z0-9._@-]{3,60}$/;
const USERNAME_MESSAGE = 'username: 3–60 of A–Z a–z 0–9 . _ @ -';

export class CreateStaffDto {
  @ApiProperty() @IsString() @Matches(USERNAME, { message: USERNAME_MESSAGE }) username!: string;
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

/** `POST /api/platform/admins`: a further platform admin; the API generates a temporary password. */
export class CreatePlatformAdminDto {
  @ApiProperty({ pattern: USERNAME.source, example: 'sato' }) @IsString() @Matches(USERNAME, { message: USERNAME_MESSAGE }) username!: string;
  @ApiPropertyOptional({ maxLength: 100, example: '佐藤 一郎' }) @IsOptional() @IsString() @MaxLength(100) displayName?: string;
}

/** `GET /api/platform/audit`: newest first; every filter optional. */
export class PlatformAuditQueryDto implements PlatformAuditQuery {
  @ApiPropertyOptional({ description: 'starts with, e.g. `staff` or `tenant.suspend`', example: 'staff' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9.-]{0,59}$/, { message: 'action: up to 60 of a–z 0–9 . - (the start of an action name)' })
  action?: string;

  @ApiPropertyOptional({ description: 'a staff user name (any case), or an actor kind: cli, system, platform-admin', example: 'admin' })
  @IsOptional()
  @Matches(USERNAME, { message: 'actor: a user name (3–60 of A–Z a–z 0–9 . _ @ -) or cli / system' })
  actor?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (from the start of that day, Japan time) or a date-time with offset; inclusive', example: '2026-05-01' })
  @IsOptional()
  @IsCalendarDateOrInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (to the end of that day, Japan time) or a date-time with offset; exclusive', example: '2026-05-31' })
  @IsOptional()
  @IsCalendarDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) size?: number;
}
