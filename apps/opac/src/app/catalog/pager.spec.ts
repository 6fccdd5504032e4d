import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PageChange, Pager } from './pager';

@Component({
  imports: [Pager],
  template: `<opac-pager [length]="length()" [pageIndex]="index()" [pageSize]="size()" (page)="events.push($event)" />`,
})
class Host {
  readonly length = signal(45);
  readonly index = signal(0);
  readonly size = signal(20);
  readonly events: PageChange[] = [];
}

describe('pager (plain HTML pages of results)', () => {
  async function render(index = 0) {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.index.set(index);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const button = (label: string) => el.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
    return { fixture, el, button };
  }

  it('says which results are shown and moves a page, to the first and to the last', async () => {
    const { fixture, el, button } = await render(1);
    expect(el.querySelector('.range')?.textContent).toContain('45 件中 21～40 件');
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('ページ');
    button('次のページ').click();
    button('前のページ').click();
    button('最後のページ').click();
    button('最初のページ').click();
    expect(fixture.componentInstance.events).toEqual([
      { pageIndex: 2, pageSize: 20 },
      { pageIndex: 0, pageSize: 20 },
      { pageIndex: 2, pageSize: 20 },
      { pageIndex: 0, pageSize: 20 },
    ]);
  });

  it('cannot go before the first page or after the last', async () => {
    const first = await render(0);
    expect(first.button('前のページ').disabled).toBe(true);
    expect(first.button('最初のページ').disabled).toBe(true);
    expect(first.button('次のページ').disabled).toBe(false);
    const last = await render(2);
    expect(last.el.querySelector('.range')?.textContent).toContain('45 件中 41～45 件');
    expect(last.button('次のページ').disabled).toBe(true);
    expect(last.button('最後のページ').disabled).toBe(true);
  });

  it('a new page size keeps the first result shown on the page', async () => {
    const { fixture, el } = await render(2);
    const select = el.querySelector<HTMLSelectElement>('select')!;
    expect(select.closest('label')?.textContent).toContain('表示件数');
    select.value = '50';
    select.dispatchEvent(new Event('change'));
    expect(fixture.componentInstance.events).toEqual([{ pageIndex: 0, pageSize: 50 }]);
  });
});
