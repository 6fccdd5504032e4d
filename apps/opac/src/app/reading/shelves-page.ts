import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { authorsText } from '../catalog/catalog';
import { type ReadMark, READING_LIMITS, type Shelf, type ShelfEntry } from '@shiori/contracts';
import { ReadingApi } from './reading-api';

/**
 * My bookshelf (My本棚 / ブックリスト): favourites and, where the city allows, shelves of the
 * patron's own; read / want-to-read marks where the city has them.
 */
@Component({
  selector: 'opac-shelves-page',
  imports: [RouterLink, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatIconModule, MatInputModule],
  templateUrl: './shelves-page.html',
  styleUrl: './reading.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShelvesPage implements OnInit {
  private readonly reading = inject(ReadingApi);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;

  protected readonly limits = READING_LIMITS;
  protected readonly shelves = signal<Shelf[]>([]);
  protected readonly current = signal<Shelf | null>(null);
  protected readonly entries = signal<ShelfEntry[] | null>(null);
  protected readonly filter = signal<'all' | ReadMark>('all');
  protected readonly newName = signal('');
  protected readonly renaming = signal('');
  protected readonly error = signal('');
  protected readonly custom = computed(() => !!this.library.features()?.customShelves);
  protected readonly marks = computed(() => !!this.library.features()?.readMarks);
  protected readonly shown = computed(() => {
    const f = this.filter();
    return (this.entries() ?? []).filter((e) => f === 'all' || e.mark === f);
  });
  protected readonly authors = authorsText;

  async ngOnInit(): Promise<void> {
    await this.guard(async () => {
      const list = await firstValueFrom(this.reading.shelves());
      this.shelves.set(list);
      if (list[0]) await this.open(list[0]);
    });
  }

  protected name(s: Shelf): string {
    return s.kind === 'favourites' ? this.t('shelves.favourites') : s.name;
  }

  protected async open(s: Shelf): Promise<void> {
    this.current.set(s);
    this.entries.set(null);
    this.renaming.set('');
    await this.guard(async () => this.entries.set(await firstValueFrom(this.reading.entries(s.id))));
  }

  protected async create(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.newName().trim();
    if (!name) return;
    await this.guard(async () => {
      const s = await firstValueFrom(this.reading.createShelf(name));
      this.shelves.update((l) => [...l, s]);
      this.newName.set('');
      await this.open(s);
    });
  }

  protected async rename(event: Event): Promise<void> {
    event.preventDefault();
    const s = this.current();
    const name = this.renaming().trim();
    if (!s || !name) return;
    await this.guard(async () => {
      const updated = await firstValueFrom(this.reading.renameShelf(s.id, name));
      this.shelves.update((l) => l.map((x) => (x.id === s.id ? updated : x)));
      this.current.set(updated);
      this.renaming.set('');
    });
  }

  protected async remove(s: Shelf): Promise<void> {
    await this.guard(async () => {
      await firstValueFrom(this.reading.deleteShelf(s.id));
      const list = this.shelves().filter((x) => x.id !== s.id);
      this.shelves.set(list);
      if (list[0]) await this.open(list[0]);
    });
  }

  protected async setMark(e: ShelfEntry, mark: ReadMark | null): Promise<void> {
    const s = this.current();
    if (!s) return;
    await this.guard(async () => {
      await firstValueFrom(this.reading.putEntry(s.id, e.recordId, { mark }));
      this.entries.update((l) => (l ?? []).map((x) => (x.recordId === e.recordId ? { ...x, mark } : x)));
    });
  }

  protected async removeEntry(e: ShelfEntry): Promise<void> {
    const s = this.current();
    if (!s) return;
    await this.guard(async () => {
      await firstValueFrom(this.reading.removeEntry(s.id, e.recordId));
      this.entries.update((l) => (l ?? []).filter((x) => x.recordId !== e.recordId));
    });
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    this.error.set('');
    try {
      await fn();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    }
  }
}
