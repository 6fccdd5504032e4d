/** A daily notice job: one pass over the current tenant for the library day `today` ('YYYY-MM-DD', Asia/Tokyo). */
export interface NoticeJob {
  readonly name: string;
  forTenant(today: string): Promise<Record<string, unknown>>;
}

/** Rows grouped by patron, keeping the order they came in. */
export function byPatron<T extends { patronId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.patronId);
    if (list) list.push(r);
    else out.set(r.patronId, [r]);
  }
  return out;
}
