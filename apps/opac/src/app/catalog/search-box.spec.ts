import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { API_LOCATION } from '../core/api';
import { SearchBox } from './search-box';

/** The search box as an ARIA combobox: suggestions as you type, keyboard, a live count. */
describe('search box suggestions', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', tenant: 'katori' } },
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  async function typed(text: string) {
    const fixture = TestBed.createComponent(SearchBox);
    const submitted: string[] = [];
    fixture.componentInstance.querySubmit.subscribe((q) => submitted.push(q));
    fixture.detectChanges();
    const input = fixture.nativeElement.querySelector('input') as HTMLInputElement;
    input.focus();
    input.value = text;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    jest.advanceTimersByTime(200);
    fixture.detectChanges();
    return { fixture, input, submitted };
  }

  /** Lets the answer reach the list and the list reach the field's ARIA state (two passes: options, then the panel). */
  async function settle(fixture: { detectChanges(): void; whenStable(): Promise<unknown> }) {
    for (let i = 0; i < 3; i++) {
      fixture.detectChanges();
      jest.advanceTimersByTime(10);
      await fixture.whenStable();
    }
  }

  it('asks the catalogue after a pause and lists titles and authors in a listbox, the field a combobox', async () => {
    const { fixture, input } = await typed('なつめ');
    const req = http.expectOne((r) => r.url === '/api/t/katori/suggest');
    expect(req.request.params.get('q')).toBe('なつめ');
    req.flush({ q: 'なつめ', suggestions: [{ kind: 'author', label: '夏目 漱石', reading: 'ナツメ ソウセキ' }, { kind: 'title', label: '棗', reading: 'ナツメ' }] });
    await settle(fixture);
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const listbox = document.querySelector('[role=listbox]')!;
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    const options = [...document.querySelectorAll('[role=option]')].map((o) => o.textContent?.replace(/\s+/g, ' ').trim());
    expect(options).toEqual(['夏目 漱石、著者', '棗、タイトル']);
    expect(fixture.nativeElement.querySelector('.suggest-count').textContent).toContain('2 件の候補があります');
  });

  it('↓ then Enter searches the highlighted suggestion; Enter alone searches what was typed', async () => {
    const { fixture, input, submitted } = await typed('なつめ');
    http.expectOne((r) => r.url === '/api/t/katori/suggest').flush({ q: 'なつめ', suggestions: [{ kind: 'author', label: '夏目 漱石', reading: 'ナツメ ソウセキ' }] });
    await settle(fixture);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', keyCode: 40, bubbles: true }));
    await settle(fixture);
    const active = input.getAttribute('aria-activedescendant');
    expect(active && document.getElementById(active)?.textContent).toContain('夏目 漱石');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
    fixture.detectChanges();
    expect(submitted).toEqual(['夏目 漱石']);

    const other = await typed('こころ');
    http.expectOne((r) => r.url === '/api/t/katori/suggest' && r.params.get('q') === 'こころ').flush({ q: 'こころ', suggestions: [] });
    other.fixture.nativeElement.querySelector('form').dispatchEvent(new Event('submit'));
    expect(other.submitted).toEqual(['こころ']);
  });

  it('stays a plain search box when suggestions fail', async () => {
    const { fixture, submitted } = await typed('ねこ');
    http.expectOne((r) => r.url === '/api/t/katori/suggest').flush({ code: 'X' }, { status: 500, statusText: 'Server Error' });
    fixture.detectChanges();
    expect(document.querySelectorAll('[role=option]').length).toBe(0);
    fixture.nativeElement.querySelector('form').dispatchEvent(new Event('submit'));
    expect(submitted).toEqual(['ねこ']);
  });
});
