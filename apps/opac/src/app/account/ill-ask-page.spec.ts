import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { IllAskPage } from './ill-ask-page';

describe('取り寄せ申込: a patron asks for a title of another city of the region', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<IllAskPage>;
  let el: HTMLElement;
  const recordId = '3f1c1c52-6b7a-4a59-9a52-0c1e1ad1e001';

  async function render(lenders: object[], city = 'koga', record = recordId) {
    http = setUpOpac(presetInfo('katori'));
    fixture = TestBed.createComponent(IllAskPage);
    fixture.componentRef.setInput('city', city);
    fixture.componentRef.setInput('record', record);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    if (!record) {
      await fixture.whenStable();
      fixture.detectChanges();
      return;
    }
    http.expectOne('/api/t/katori/me/ill/lenders').flush(lenders);
    await fixture.whenStable();
    if (lenders.some((l) => (l as { slug: string }).slug === city)) {
      http.expectOne(`/api/t/${city}/records/${recordId}`).flush({ id: recordId, title: '雪華図説', volume: null });
      await fixture.whenStable();
    }
    fixture.detectChanges();
  }
  afterEach(() => http.verify());

  const submit = async () => {
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    http.match('/api/csrf').forEach((r) => r.flush({ token: 'csrf-1' }));
    await fixture.whenStable();
    return http.expectOne({ method: 'POST', url: '/api/t/katori/me/ill' });
  };

  it('names the title and the lending city, and sends the ask with the pickup branch and the note', async () => {
    await render([{ slug: 'koga', name: '古河市立図書館' }]);
    expect(el.querySelector('[data-record]')?.textContent).toBe('雪華図説');
    expect(el.textContent).toContain('古河市立図書館');
    const select = el.querySelector<HTMLSelectElement>('select[name="pickup"]')!;
    expect([...select.options].map((o) => o.value)).toContain('sawara');
    select.value = select.options[select.options.length - 1].value;
    select.dispatchEvent(new Event('change'));
    const note = el.querySelector<HTMLTextAreaElement>('textarea[name="note"]')!;
    note.value = '夏休みに読みたい';
    note.dispatchEvent(new Event('input'));
    fixture.detectChanges();

    const req = await submit();
    expect(req.request.body).toEqual({ lenderCity: 'koga', recordId, pickupBranchCode: select.value, note: '夏休みに読みたい' });
    req.flush({ id: 'q1', number: 'ILL-000007', title: '雪華図説', status: 'asked', lenderCity: { name: '古河市立図書館' }, expectedArrival: null, dueDate: null, createdAt: '' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('[data-done]')?.textContent).toContain('ILL-000007');
    expect(el.querySelector('a[href="/my"]')).not.toBeNull();
  });

  it('says the title is here when the city has it (ILL_HELD_HERE), with a search for it', async () => {
    await render([{ slug: 'koga', name: '古河市立図書館' }]);
    const req = await submit();
    req.flush(
      { code: 'ILL_HELD_HERE', message: { ja: 'この資料は当館にあります。取り寄せではなく、当館の資料を予約してください。', en: 'x' } },
      { status: 409, statusText: 'Conflict', headers: { 'Content-Type': 'application/problem+json' } },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('この資料は当館にあります。');
    expect(el.querySelector('[data-held-here]')?.getAttribute('href')).toContain('/search?q=');
    expect(el.querySelector('[data-done]')).toBeNull();
  });

  it('offers no form where the agreement does not let patrons ask that city', async () => {
    await render([{ slug: 'kitakyushu', name: '北九州市立図書館' }]);
    expect(el.querySelector('[data-not-allowed]')?.textContent).toContain('図書館のカウンターでご相談ください');
    expect(el.querySelector('form')).toBeNull();
  });

  it('says so when no title was given', async () => {
    await render([], 'koga', '');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('取り寄せる資料が指定されていません。');
  });
});
