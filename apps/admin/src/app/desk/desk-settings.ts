import { DOCUMENT, inject, Injectable, signal } from '@angular/core';

const BRANCH_KEY = 'shiori.admin.desk.branch';
const STATION_KEY = 'shiori.admin.desk.station';

/**
 * Settings of this desk PC: the branch it stands in (where returns and transit receipts are
 * recorded). Kept in localStorage, per library, because a PC stays at its desk.
 */
@Injectable({ providedIn: 'root' })
export class DeskSettings {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  private readonly stored = signal<Record<string, string>>(this.read(BRANCH_KEY));
  /** On the bookmobile: the station the bus stands at (loans there are due on its visits). */
  private readonly stations = signal<Record<string, string>>(this.read(STATION_KEY));

  stationFor(slug: string): string | null {
    return this.stations()[slug] ?? null;
  }

  setStation(slug: string, code: string | null): void {
    const next = { ...this.stations() };
    if (code) next[slug] = code;
    else delete next[slug];
    this.stations.set(next);
    this.write(STATION_KEY, next);
  }

  branchFor(slug: string): string | null {
    return this.stored()[slug] ?? null;
  }

  setBranch(slug: string, code: string | null): void {
    const next = { ...this.stored() };
    if (code) next[slug] = code;
    else delete next[slug];
    this.stored.set(next);
    this.write(BRANCH_KEY, next);
  }

  private write(key: string, value: Record<string, string>): void {
    try {
      this.storage?.setItem(key, JSON.stringify(value));
    } catch {
      // storage disabled: the choice lasts this page only
    }
  }

  private read(key: string): Record<string, string> {
    try {
      const v = JSON.parse(this.storage?.getItem(key) ?? '{}') as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
    } catch {
      return {};
    }
  }
}
