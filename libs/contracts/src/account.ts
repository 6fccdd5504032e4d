import type { Localized } from '@shiori/policy';

/** A message from the library on My page: plain text, or both languages. */
export type LibraryMessage = string | (Partial<Localized> & { text?: string; date?: string });

/** What My page counts for the patron. */
export interface PatronCounts {
  loans: number;
  overdue: number;
  /** Active holds. */
  holds: number;
  readyHolds: number;
  /** New arrivals matching the patron's saved searches (新着お知らせ). */
  alerts: number;
  /** The patron's saved searches (the conditions, not their matches). */
  savedAlerts: number;
  cart: number;
}

/**
 * `GET /me` (and the answer of `PATCH /me/settings`): the signed-in patron's summary on My page:
 * card, name, last sign-in and use, card expiry, counts, the library's messages. Exactly these
 * fields are sent: nothing of the record the patron has no use for (its id, status, category,
 * birth date, whether a password is set, the record's timestamps).
 */
export interface PatronSummary {
  cardNumber: string;
  name: string;
  nameKana: string;
  email: string | null;
  /** An address waiting for its confirmation link (double opt-in). */
  pendingEmail: string | null;
  /** The sign-in before this one, as the cities show "last login" (ISO 8601). */
  lastLoginAt: string | null;
  /** The last loan (ISO 8601). */
  lastUseAt: string | null;
  cardExpiresAt: string | null;
  cardExpired: boolean;
  counts: PatronCounts;
  messages: LibraryMessage[];
  remindersOptIn: boolean;
  nickname: string | null;
  /** A temporary password must be changed before anything else. */
  mustChangePassword: boolean;
  /**
   * The pickup point of the patron's latest hold (null before the first): the hold form starts
   * there while it is still offered (libs/policy `defaultPickupPoint`).
   */
  lastPickupPointCode: string | null;
}

/** `PUT /me/email`: the address in use, and the one waiting for its confirmation link. */
export interface EmailChange {
  email: string | null;
  pendingEmail?: string;
  confirmationRequired: boolean;
}

/** `PUT /me/email`: the new address; `applyToExistingHolds` also makes it the contact of holds already placed (where the city asks). */
export interface EmailChangeRequest {
  email: string;
  applyToExistingHolds?: boolean;
}

/** `PATCH /me/settings`: what is given changes, what is left out stays. */
export interface PatronSettingsRequest {
  remindersOptIn?: boolean;
  nickname?: string;
}

/** The longest value the API takes (its DTOs; longer is 400 VALIDATION). */
export const ACCOUNT_LIMITS = {
  email: 254,
  nickname: 40,
} as const;
