import type { Localized, PasswordStrength } from '@shiori/policy';
import type { StaffPatronView } from './patrons';

// A patron's way in (API module `patrons`, `/t/{slug}/auth/…` and `PUT /me/password`): sign-in,
// online password registration, the links in mail (password reset, password and e-mail
// confirmation) and the password change. What the OPAC sends and what it is answered.

/**
 * The longest value the API takes in each field of these requests (its DTOs, class-validator
 * `@MaxLength`); longer is 400 VALIDATION. A card number is then folded and checked by the city's
 * card rules, a password by its password rules (libs/policy).
 */
export const SIGN_IN_LIMITS = {
  cardNumber: 40,
  password: 200,
  email: 254,
  /** The token of a link in mail. */
  token: 200,
  nameKana: 100,
  birthDate: 20,
  phone: 30,
} as const;

/** `POST /auth/login`: the card as typed and the password. */
export interface PatronSignInRequest {
  cardNumber: string;
  password: string;
}

/**
 * `POST /auth/login` (200): the patron's record as staff see it (its sign-in stamps already moved:
 * `previousLoginAt` is the sign-in before this one), the session's bearer token (the browser uses
 * the httpOnly cookie set beside it instead) and the CSRF token the session's writes carry.
 */
export interface PatronSignIn {
  patron: StaffPatronView;
  /** A temporary password must be changed before anything else. */
  mustChangePassword: boolean;
  token: string;
  csrfToken: string;
}

/** The city's identity fields a registration is checked against (which of them it asks for is its policy's). */
export interface RegistrationIdentity {
  nameKana?: string;
  birthDate?: string;
  phone?: string;
}

/** `POST /auth/register-password`: "register (again)" by the card and the city's identity fields. */
export interface PasswordRegistrationRequest {
  cardNumber: string;
  password: string;
  passwordConfirm?: string;
  identity?: RegistrationIdentity;
  termsAccepted?: boolean;
  channel?: 'web' | 'kiosk';
}

/** How strong the password the patron chose is (libs/policy `validatePassword`): 0–4 and its label. */
export interface PasswordStrengthReport {
  strength: PasswordStrength;
  strengthLabel: Localized;
}

/**
 * `POST /auth/register-password` (200): registered at once (`registered: true`), or, with an e-mail
 * on file, waiting for the link mailed to it (`confirmationRequired: true`, valid `expiresInHours`).
 */
export interface PasswordRegistration extends PasswordStrengthReport {
  registered: boolean;
  confirmationRequired: boolean;
  /** Only while a confirmation link is waiting. */
  expiresInHours?: number;
}

/** `POST /auth/confirm-password`, `POST /auth/confirm-email`: the token of the link in mail. */
export interface LinkTokenRequest {
  token: string;
}

/** `POST /auth/confirm-password` (200): the password registered online now takes effect. */
export interface PasswordConfirmed {
  confirmed: true;
}

/** `POST /auth/forgot-password`: the card as typed and the e-mail on file. */
export interface ForgotPasswordRequest {
  cardNumber: string;
  email: string;
}

/** `POST /auth/forgot-password` (202): always the same, whether a link was mailed or not. */
export interface PasswordResetRequested {
  accepted: true;
}

/** `POST /auth/reset-password`: the token of the reset link and the new password. */
export interface PasswordResetRequest {
  token: string;
  password: string;
}

/** `POST /auth/reset-password` (200): the new password is set; every session has ended. */
export interface PasswordReset {
  reset: true;
}

/** `POST /auth/confirm-email` (200): the address confirmed by its link is now the patron's. */
export interface EmailConfirmed {
  email: string;
  confirmed: true;
}

/** `PUT /me/password`: the current password and the new one. */
export interface PasswordChangeRequest {
  currentPassword: string;
  newPassword: string;
}

/** `PUT /me/password` (200): changed; the patron's other sessions have ended. */
export interface PasswordChanged extends PasswordStrengthReport {
  changed: true;
}
