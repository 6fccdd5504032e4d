import type { StaffPatronView } from '@shiori/contracts';

/**
 * Columns of a patron as the API shows it (never the password hash). For SELECTs only: its
 * dates are formatted with to_char, which Citus refuses in a write's RETURNING (writes return
 * the id and the patron is read back). Read `FROM patrons` (no alias): the pickup point of the
 * patron's latest hold is read beside the row (index holds_patron).
 */
export const PATRON_COLUMNS = `id, card_number AS "cardNumber", name, name_kana AS "nameKana",
  to_char(birth_date,'YYYY-MM-DD') AS "birthDate", phone, email, category,
  to_char(expires_at,'YYYY-MM-DD') AS "expiresAt", status, blocked_reason AS "blockedReason",
  must_change_password AS "mustChangePassword", (password_hash IS NOT NULL) AS "hasPassword",
  last_login_at AS "lastLoginAt", previous_login_at AS "previousLoginAt", last_use_at AS "lastUseAt",
  reminders_opt_in AS "remindersOptIn", nickname,
  (SELECT h.pickup_point_code FROM holds h WHERE h.patron_id = patrons.id ORDER BY h.placed_at DESC LIMIT 1) AS "lastPickupPointCode",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A patron as PATRON_COLUMNS reads it: the contract's staff view. */
export type PatronView = StaffPatronView;
