import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ACCOUNT_LIMITS, SIGN_IN_LIMITS } from '@shiori/contracts';
import type {
  EmailChangeRequest,
  ForgotPasswordRequest,
  LinkTokenRequest,
  PasswordChangeRequest,
  PasswordRegistrationRequest,
  PasswordResetRequest,
  PatronSettingsRequest,
  PatronSignInRequest,
  RegistrationIdentity,
} from '@shiori/contracts';
import { IsCalendarDate, OptionalNotNull } from '../../../engine/validation';

const L = SIGN_IN_LIMITS;

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

export class PatronLoginDto implements PatronSignInRequest {
  @ApiProperty({ example: '1234567' }) @IsString() @MaxLength(L.cardNumber) cardNumber!: string;
  @ApiProperty() @IsString() @MaxLength(L.password) password!: string;
}

export class IdentityDto implements RegistrationIdentity {
  @ApiPropertyOptional({ example: 'カトリ タロウ' }) @IsOptional() @IsString() @MaxLength(L.nameKana) nameKana?: string;
  @ApiPropertyOptional({ example: '19710401' }) @IsOptional() @IsString() @MaxLength(L.birthDate) birthDate?: string;
  @ApiPropertyOptional({ example: '0478-54-1111' }) @IsOptional() @IsString() @MaxLength(L.phone) phone?: string;
}

export class RegisterPasswordDto implements PasswordRegistrationRequest {
  @ApiProperty() @IsString() @MaxLength(L.cardNumber) cardNumber!: string;
  @ApiProperty() @IsString() @MaxLength(L.password) password!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(L.password) passwordConfirm?: string;
  @ApiProperty({ type: IdentityDto }) @IsOptional() identity?: IdentityDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() termsAccepted?: boolean;
  @ApiPropertyOptional({ enum: ['web', 'kiosk'] }) @IsOptional() @IsIn(['web', 'kiosk']) channel?: 'web' | 'kiosk';
}

export class ForgotPasswordDto implements ForgotPasswordRequest {
  @ApiProperty() @IsString() @MaxLength(L.cardNumber) cardNumber!: string;
  @ApiProperty() @IsString() @MaxLength(L.email) email!: string;
}

export class ResetPasswordDto implements PasswordResetRequest {
  @ApiProperty() @IsString() @MaxLength(L.token) token!: string;
  @ApiProperty() @IsString() @MaxLength(L.password) password!: string;
}

export class ChangePasswordDto implements PasswordChangeRequest {
  @ApiProperty() @IsString() @MaxLength(L.password) currentPassword!: string;
  @ApiProperty() @IsString() @MaxLength(L.password) newPassword!: string;
}

export class SetEmailDto implements EmailChangeRequest {
  @ApiProperty() @IsString() @MaxLength(ACCOUNT_LIMITS.email) email!: string;
  @ApiPropertyOptional({ description: 'also make it the contact of holds already placed (Koga)' }) @IsOptional() @IsBoolean() applyToExistingHolds?: boolean;
}

/** The token of a link in mail (e-mail confirmation, password confirmation). */
export class LinkTokenDto implements LinkTokenRequest {
  @ApiProperty() @IsString() @MaxLength(L.token) token!: string;
}

export class PatronSettingsDto implements PatronSettingsRequest {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() remindersOptIn?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(ACCOUNT_LIMITS.nickname) nickname?: string;
}
