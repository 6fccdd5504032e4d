/**
 * A patron as the API shows it to staff (`/admin/patrons`, `…/{id}` and the answer of creating,
 * changing, renewing or blocking one): the record's fields, never the password (only whether
 * there is one).
 */
export interface StaffPatronView {
  id: string;
  cardNumber: string;
  name: string;
  nameKana: string;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  category: string;
  expiresAt: string | null;
  status: 'active' | 'blocked';
  blockedReason: string | null;
  /** A temporary password must be changed at the next sign-in. */
  mustChangePassword: boolean;
  hasPassword: boolean;
  lastLoginAt: string | null;
  /** The sign-in before the last one. */
  previousLoginAt: string | null;
  lastUseAt: string | null;
  remindersOptIn: boolean;
  nickname: string | null;
  /**
   * The pickup point of the patron's latest hold (null before the first): 予約受付 starts there
   * while it is still offered (libs/policy `defaultPickupPoint`).
   */
  lastPickupPointCode: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /admin/patrons/{id}/temporary-password`: the password to hand over once. */
export interface TemporaryPassword {
  temporaryPassword: string;
  mustChangePassword: boolean;
}
