import { computed, inject, Injectable, signal } from '@angular/core';
import type { LibraryInfo } from '@shiori/contracts';
import { Api, ApiError, toApiError } from './api';
import { I18n, Lang } from './i18n';
import { brandColours } from '@shiori/policy';

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; info: LibraryInfo }
  | { status: 'error'; error: ApiError };

/** The page's library (tenant), loaded once and shared by the shell (name, colour) and pages. */
@Injectable({ providedIn: 'root' })
export class Library {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  private readonly state = signal<State>({ status: 'idle' });
  private waiting: ((info: LibraryInfo | null) => void)[] = [];

  readonly loading = computed(() => this.state().status === 'loading');
  readonly info = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.info : null;
  });
  readonly error = computed(() => {
    const s = this.state();
    return s.status === 'error' ? s.error : null;
  });
  readonly name = computed(() => this.info()?.name ?? '');
  readonly brand = computed(() => brandColours(this.info()?.theme?.primary));
  readonly policy = computed(() => this.info()?.policy ?? null);
  readonly features = computed(() => this.policy()?.features ?? null);

  /** A branch's name in the reader's language. */
  branchName(code: string | null | undefined): string {
    const b = this.info()?.branches.find((x) => x.code === code);
    if (!b) return code ?? '';
    return (this.i18n.lang() === 'en' && b.nameEn) || b.name;
  }

  /** A pickup point's name in the reader's language. */
  pickupPointName(code: string | null | undefined, fallback?: string): string {
    const p = this.info()?.pickupPoints.find((x) => x.code === code);
    if (!p) return fallback ?? code ?? '';
    return (this.i18n.lang() === 'en' && p.nameEn) || p.name;
  }

  /**
   * A pickup point's note in the reader's language (English falls back to Japanese), with the
   * language it is actually in, for `lang` on its element; null when the point has none.
   */
  pickupPointNote(code: string | null | undefined): { text: string; lang: Lang } | null {
    const note = this.info()?.pickupPoints.find((x) => x.code === code)?.note;
    if (!note?.ja) return null;
    if (this.i18n.lang() === 'en' && note.en) return { text: note.en, lang: 'en' };
    return { text: note.ja, lang: 'ja' };
  }

  /** Resolves once /info has loaded (or failed): for guards and pages that need the policy first. */
  whenLoaded(): Promise<LibraryInfo | null> {
    this.load();
    const s = this.state();
    if (s.status === 'ready') return Promise.resolve(s.info);
    if (s.status === 'error') return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Loads the info unless it is loaded or loading; `force` reloads (the retry button). */
  load(force = false): void {
    const status = this.state().status;
    if (!force && (status === 'loading' || status === 'ready')) return;
    let path: string;
    try {
      path = this.api.tenantPath('/info');
    } catch (e) {
      this.state.set({ status: 'error', error: toApiError(e, this.i18n.lang()) });
      this.settle(null);
      return;
    }
    this.state.set({ status: 'loading' });
    this.api.get<LibraryInfo>(path).subscribe({
      next: (info) => {
        this.state.set({ status: 'ready', info });
        this.settle(info);
      },
      error: (error: ApiError) => {
        this.state.set({ status: 'error', error });
        this.settle(null);
      },
    });
  }

  private settle(info: LibraryInfo | null): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(info);
  }
}
