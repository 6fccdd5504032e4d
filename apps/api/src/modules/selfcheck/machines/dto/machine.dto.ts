import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { SIP_CHARSETS, SipCharset } from '../../protocol/charsets';

/** The machine's SIP2 login (`CN`): letters, digits and . _ - (the field delimiter never). */
export const MACHINE_LOGIN = /^[A-Za-z0-9._-]{3,40}$/;
/** A machine password: 10–64 printable ASCII characters without the SIP2 delimiter `|` or a blank. */
export const MACHINE_PASSWORD = /^[\x21-\x7b\x7d\x7e]{10,64}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export class MachinePermissionsDto {
  @ApiProperty({ description: '貸出 (11)' }) @IsBoolean() checkout!: boolean;
  @ApiProperty({ description: '返却 (09)' }) @IsBoolean() checkin!: boolean;
  @ApiProperty({ description: '延長 (29, and a checkout of an item already lent to the same patron)' }) @IsBoolean() renew!: boolean;
  @ApiProperty({ description: '利用者の照会 (23, 63)' }) @IsBoolean() patronInfo!: boolean;
}

export class MachinePasswordDto {
  @ApiPropertyOptional({ description: 'the new password (10–64 printable ASCII characters, no | or blank); generated when absent' })
  @IsOptional()
  @Matches(MACHINE_PASSWORD, { message: 'password must be 10–64 printable ASCII characters without | or blanks' })
  password?: string;
}

export class CreateMachineDto extends MachinePasswordDto {
  @ApiProperty({ example: 'katori-sip', description: 'the SIP2 login name (CN) the machine is configured with' })
  @Matches(MACHINE_LOGIN, { message: 'login must be 3–40 letters, digits, dots, hyphens or underscores' })
  login!: string;

  @ApiProperty({ example: '佐原中央図書館 自動貸出機1' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;

  @ApiProperty({ example: 'sawara', description: 'the branch where the machine lends and takes back' }) @Matches(CODE) branchCode!: string;

  @ApiProperty({ type: MachinePermissionsDto }) @ValidateNested() @Type(() => MachinePermissionsDto) permissions!: MachinePermissionsDto;

  @ApiPropertyOptional({ enum: SIP_CHARSETS, description: 'the character set the machine speaks (default utf-8)' })
  @IsOptional()
  @IsIn(SIP_CHARSETS)
  charset?: SipCharset;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateMachineDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE) branchCode?: string;
  @ApiPropertyOptional({ type: MachinePermissionsDto }) @IsOptional() @ValidateNested() @Type(() => MachinePermissionsDto) permissions?: MachinePermissionsDto;
  @ApiPropertyOptional({ enum: SIP_CHARSETS }) @IsOptional() @IsIn(SIP_CHARSETS) charset?: SipCharset;
  @ApiPropertyOptional({ description: 'false takes the machine out of use at once: its open connection is refused at its next message' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
