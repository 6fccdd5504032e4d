import { DOCUMENT, inject, Injectable, signal } from '@angular/core';

const BRANCH_KEY = 'shiori.admin.desk.branch';

/**
 * Settings of this desk PC: the branch it stands in (where returns and transit receipts are
 * recorded). Kept in localStorage, per library, because a PC stays at its desk.
 */
@Injectable({ providedIn: 'root' })
export class DeskSettings {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  private readonly stored = signal<Record<string, string>>(this.read());

  branchFor(slug: string): string | null {
    return this.stored()[slug] ?? null;
  }

  setBranch(slug: string, code: string | null): void {
    const next = { ...this.stored() };
    if (code) next[slug] = code;
    else delete next[slug];
    this.stored.set(next);
    try {
      this.storage?.setItem(BRANCH_KEY, JSON.stringify(next));
    } catch {
      // storage disabled: the choice lasts this page only
    }
  }

  private read(): Record<string, string> {
    try {
      const v = JSON.parse(this.storage?.getItem(BRANCH_KEY) ?? '{}') as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
    } catch {
      return {};
    }
  }
}
