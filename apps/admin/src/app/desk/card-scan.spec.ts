import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { BASE, flushLibrary, Harness, pressEnter, startLibrarianPage, typeInto } from '../../testing/librarian';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import type { StaffPatronView } from '@shiori/contracts';
import { CardScan, CardScanned, CardScanScreen } from './card-scan';

const patron: StaffPatronView = {
  id: '11111111-1111-4111-8111-111111111111',
  cardNumber: '1234567',
  name: '香取 太郎',
  nameKana: 'カトリ タロウ',
  category: 'general',
  expiresAt: '2027-03-31',
  status: 'active',
  blockedReason: null,
  mustChangePassword: false,
  hasPassword: true,
  lastLoginAt: null,
  previousLoginAt: null,
  lastUseAt: null,
  remindersOptIn: false,
  lastPickupPointCode: null,
  nickname: null,
  birthDate: null,
  phone: null,
  email: null,
  createdAt: '2026-04-01T10:00:00+09:00',
  updatedAt: '2026-04-01T10:00:00+09:00',
};

/** A desk screen as the pages use it: the card step's result is recorded, a found patron confirmed. */
@Component({
  selector: 'admin-card-scan-host',
  imports: [CardScan],
  template: `
    <admin-card-scan
      [screen]="screen()"
      [confirmed]="confirmed()"
      [patron]="patron()"
      [currentLoans]="currentLoans()"
      (scanned)="scanned.push($event)"
      (nextPatron)="nextPatrons = nextPatrons + 1"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class CardScanHost {
  readonly screen = signal<CardScanScreen>('checkout');
  readonly confirmed = signal<string | null>(null);
  readonly patron = signal<StaffPatronView | null>(null);
  readonly currentLoans = signal<number | null>(null);
  readonly scanned: CardScanned[] = [];
  nextPatrons = 0;
  readonly cardScan = viewChild.required(CardScan);

  constructor() {
    inject(Library).ensure(); // the card rules, as the desk pages load them
  }
}

describe('CardScan (the desk’s card step)', () => {
  let h: Harness;
  let host: CardScanHost;

  beforeEach(async () => {
    h = await startLibrarianPage(CardScanHost, '/card');
    flushLibrary(h.http);
    await h.stable();
    host = h.harness.routeDebugElement!.componentInstance as CardScanHost;
  });

  afterEach(() => h.http.verify());

  const card = () => h.page.querySelector<HTMLInputElement>('input[name=cardNumber]')!;
  const button = () => h.page.querySelector<HTMLButtonElement>('admin-card-scan section.scan button')!;

  async function scan(value: string) {
    typeInto(card(), value);
    pressEnter(card());
    await h.stable();
  }

  it('labels the field and its section with the screen’s words and tells how to scan', async () => {
    const section = h.page.querySelector('section.scan')!;
    const label = h.page.querySelector('#card-label')!;
    expect(section.getAttribute('aria-labelledby')).toBe('card-label');
    expect(label.textContent).toContain('利用者番号（カード）');
    expect(card().labels?.[0]?.textContent).toContain('利用者番号（カード）');
    expect(card().getAttribute('inputmode')).toBe('numeric');
    expect(card().readOnly).toBe(false);
    expect(h.page.querySelector('mat-hint')?.textContent).toContain('バーコードを読み取るか');
    expect(button().textContent).toContain('利用者を確定');

    host.screen.set('placeHold');
    TestBed.inject(I18n).setLang('en');
    await h.stable();
    expect(label.textContent).toContain('Patron card number');
    expect(button().textContent).toContain('Use this patron');
  });

  it('normalises the number by the card rules, finds the patron with exactly that card and hands the step to the page', async () => {
    await scan('123-4567'); // as printed, with a hyphen
    const req = h.http.expectOne((r) => r.url === `${BASE}/admin/patrons`);
    expect(req.request.params.get('q')).toBe('1234567');
    expect(button().disabled).toBe(true); // one lookup at a time
    req.flush([{ ...patron, cardNumber: '12345678' }, patron]);
    await h.stable();
    expect(button().disabled).toBe(false);
    expect(host.scanned).toEqual([{ typed: '123-4567', step: { kind: 'found', number: '1234567', patron } }]);
  });

  it('refuses a number that breaks the card rules without asking the API', async () => {
    await scan('12345');
    h.http.expectNone(`${BASE}/admin/patrons`);
    expect(host.scanned).toHaveLength(1);
    expect(host.scanned[0].typed).toBe('12345');
    expect(host.scanned[0].step.kind).toBe('invalid');
    const step = host.scanned[0].step as Extract<CardScanned['step'], { kind: 'invalid' }>;
    expect(step.message.ja).toContain('7桁');
  });

  it('says when no patron has the card, and goes on unchecked when the lookup fails', async () => {
    await scan('7654321');
    h.http.expectOne((r) => r.url === `${BASE}/admin/patrons`).flush([]);
    await h.stable();
    await scan('7654321');
    h.http.expectOne((r) => r.url === `${BASE}/admin/patrons`).flush({ code: 'INTERNAL' }, { status: 500, statusText: 'Server Error' });
    await h.stable();
    expect(host.scanned.map((s) => s.step)).toEqual([
      { kind: 'unknown', number: '7654321' },
      { kind: 'unchecked', number: '7654321' },
    ]);
  });

  it('ignores an empty scan', async () => {
    await scan('   ');
    button().click();
    await h.stable();
    h.http.expectNone(`${BASE}/admin/patrons`);
    expect(host.scanned).toEqual([]);
  });

  it('once confirmed: the field is read-only, the patron is shown with the card’s expiry and loans, and 次の利用者 asks the page to start over', async () => {
    typeInto(card(), '1234567');
    host.confirmed.set('1234567');
    host.patron.set(patron);
    host.currentLoans.set(2);
    await h.stable();
    expect(card().readOnly).toBe(true);
    const shown = h.page.querySelector('[data-patron]')!;
    expect(shown.getAttribute('aria-label')).toBe('利用者');
    expect(shown.textContent).toContain('香取 太郎');
    expect(shown.textContent).toContain('カトリ タロウ');
    expect(shown.textContent).toContain('1234567');
    expect(shown.textContent).toContain('カード有効期限 2027年3月31日');
    expect(shown.textContent).toContain('貸出中 2 点');

    host.currentLoans.set(null); // 予約受付 does not count loans
    await h.stable();
    expect(shown.textContent).not.toContain('貸出中');

    expect(button().textContent).toContain('次の利用者（Esc）');
    button().click();
    await h.stable();
    expect(host.nextPatrons).toBe(1);

    host.confirmed.set(null);
    host.patron.set(null);
    await h.stable();
    expect(h.page.querySelector('[data-patron]')).toBeNull();
    expect(card().readOnly).toBe(false);
  });

  it('lets the page move the focus to the field (selecting a wrong number for the next scan) and empty it', async () => {
    typeInto(card(), '12345');
    host.cardScan().focus(true);
    expect(document.activeElement).toBe(card());
    expect([card().selectionStart, card().selectionEnd]).toEqual([0, 5]);
    host.cardScan().clear();
    await h.stable();
    expect(card().value).toBe('');
  });
});
