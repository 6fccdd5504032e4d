import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n } from '../core/i18n';
import type { Renewable } from '@shiori/contracts';
import { RenewAction } from './renew-action';

@Component({
  imports: [RenewAction],
  template: `<opac-renew-action [renewable]="renewable()" title="こころ" [busy]="busy()" (renew)="renewed = renewed + 1" />`,
})
class Host {
  readonly renewable = signal<Renewable>({ ok: true, newDueDate: '2026-05-20' });
  readonly busy = signal(false);
  renewed = 0;
}

describe('renew action (延長 / 延長不可 from `renewable`)', () => {
  beforeEach(() => localStorage.clear());

  async function render(renewable: Renewable, busy = false) {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.renewable.set(renewable);
    fixture.componentInstance.busy.set(busy);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('offers the renew button with the new due date when the policy allows it', async () => {
    const { el, fixture } = await render({ ok: true, newDueDate: '2026-05-20' });
    const button = el.querySelector<HTMLButtonElement>('button.renew')!;
    expect(button.textContent).toContain('延長する');
    expect(button.getAttribute('aria-label')).toBe('「こころ」を延長する');
    expect(el.querySelector('.new-due')!.textContent).toContain('2026年5月20日');
    expect(el.textContent).not.toContain('延長不可');
    button.click();
    expect(fixture.componentInstance.renewed).toBe(1);
  });

  it('disables the button while a renewal is being sent', async () => {
    const { el } = await render({ ok: true }, true);
    expect(el.querySelector<HTMLButtonElement>('button.renew')!.disabled).toBe(true);
  });

  it.each([
    ['ITEM_HAS_HOLDS', '他の方の予約'],
    ['RENEWAL_LIMIT', ''],
    ['OVERDUE', ''],
    ['NOT_RENEWABLE_ONLINE', ''],
    ['ILL_NOT_RENEWABLE', ''],
  ])('shows 延長不可 and the reason for %s, with no button', async (code, expected) => {
    const { el } = await render({ ok: false, code });
    expect(el.querySelector('button')).toBeNull();
    expect(el.querySelector('.not-renewable')!.textContent).toBe('延長不可');
    const reason = el.querySelector('.reason')!.textContent!;
    expect(reason.length).toBeGreaterThan(5);
    if (expected) expect(reason).toContain(expected);
  });

  it('says まだ延長できません when renewing today would not move the due date (Kitakyushu, on the day of the loan)', async () => {
    const { el } = await render({ ok: false, code: 'RENEWAL_NO_GAIN' });
    expect(el.querySelector('button')).toBeNull();
    expect(el.querySelector('.not-renewable')!.textContent).toBe('まだ延長できません');
    expect(el.querySelector('.reason')!.textContent).toContain('返却期限は延びません');
  });

  it('says the reason in English after the switch', async () => {
    const { el, fixture } = await render({ ok: false, code: 'ITEM_HAS_HOLDS' });
    TestBed.inject(I18n).setLang('en');
    await fixture.whenStable();
    expect(el.querySelector('.not-renewable')!.textContent).toBe('Not renewable');
    expect(el.querySelector('.reason')!.textContent).toMatch(/reserved this item/);
  });

  it('shows 延長不可 without a reason for a code it does not know', async () => {
    const { el } = await render({ ok: false, code: 'SOMETHING_NEW' });
    expect(el.querySelector('.not-renewable')!.textContent).toBe('延長不可');
    expect(el.querySelector('.reason')!.textContent).toBe('');
  });
});
