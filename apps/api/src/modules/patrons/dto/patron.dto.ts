import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, OptionalNotNull } from '../../../engine/validation';

export class CreatePatronDto {
  @ApiProperty({ example: '1234567', description: 'as typed; normalised and validated by the policy' }) @IsString() @MaxLength(40) cardNumber!: string;
  @ApiProperty({ example: '図書 花子' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ example: 'トショ ハナコ' }) @IsString() @MinLength(1) @MaxLength(100) nameKana!: string;
  @ApiPropertyOptional({ example: '1971-04-16', format: 'date' }) @IsOptional() @IsCalendarDate() birthDate?: string;
  @ApiPropertyOptional({ example: '0478-54-1111' }) @IsOptional() @IsString() @MaxLength(30) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: 'general' }) @IsOptional() @IsString() @MaxLength(40) category?: string;
  @ApiPropertyOptional({ example: '2027-11-30', format: 'date' }) @IsOptional() @IsCalendarDate() expiresAt?: string;
}

/** Fields left out (or, for the optional ones, null) stay as they are; an empty e-mail clears it. */
export class UpdatePatronDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) nameKana?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() birthDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(40) category?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() expiresAt?: string;
}

/** `GET /admin/patrons`: a card number as typed, a name or a katakana reading. */
export class PatronSearchQueryDto {
  @ApiPropertyOptional({ example: 'トショ', description: 'a card number as typed, a name or a katakana reading' }) @IsOptional() @IsString() @MaxLength(100) q: string = '';
}

export class BlockPatronDto {
  @ApiProperty() @IsBoolean() blocked!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class PatronLoginDto {
  @ApiProperty({ example: '1234567' }) @IsString() @MaxLength(40) cardNumber!: string;
  @ApiProperty() @IsString() @MaxLength(200) password!: string;
}

export class IdentityDto {
  @ApiPropertyOptional({ example: 'カトリ タロウ' }) @IsOptional() @IsString() @MaxLength(100) nameKana?: string;
  @ApiPropertyOptional({ example: '19710401' }) @IsOptional() @IsString() @MaxLength(20) birthDate?: string;
  @ApiPropertyOptional({ example: '0478-54-1111' }) @IsOptional() @IsString() @MaxLength(30) phone?: string;
}

export class RegisterPasswordDto {
  @ApiProperty() @IsString() @MaxLength(40) cardNumber!: string;
  @ApiProperty() @IsString() @MaxLength(200) password!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) passwordConfirm?: string;
  @ApiProperty({ type: IdentityDto }) @IsOptional() identity?: IdentityDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() termsAccepted?: boolean;
  @ApiPropertyOptional({ enum: ['web', 'kiosk'] }) @IsOptional() @IsIn(['web', 'kiosk']) channel?: 'web' | 'kiosk';
}

export class ForgotPasswordDto {
  @ApiProperty() @IsString() @MaxLength(40) cardNumber!: string;
  @ApiProperty() @IsString() @MaxLength(254) email!: string;
}

export class ResetPasswordDto {
  @ApiProperty() @IsString() @MaxLength(200) token!: string;
  @ApiProperty() @IsString() @MaxLength(200) password!: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(200) currentPassword!: string;
  @ApiProperty() @IsString() @MaxLength(200) newPassword!: string;
}

export class SetEmailDto {
  @ApiProperty() @IsString() @MaxLength(254) email!: string;
  @ApiPropertyOptional({ description: 'also make it the contact of holds already placed (Koga)' }) @IsOptional() @IsBoolean() applyToExistingHolds?: boolean;
}

/** The token of a link in mail (e-mail confirmation, password confirmation). */
export class LinkTokenDto {
  @ApiProperty() @IsString() @MaxLength(200) token!: string;
}

export class PatronSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() remindersOptIn?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) nickname?: string;
}
