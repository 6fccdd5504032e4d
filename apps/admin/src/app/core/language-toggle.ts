import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18n } from './i18n';

/** 日本語 / English: offers the other language, labelled in that language (and marked `lang`). */
@Component({
  selector: 'admin-language-toggle',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <button mat-button type="button" class="language" [attr.lang]="otherLang()" (click)="toggle()">
      <mat-icon>translate</mat-icon>
      {{ t('app.switchLanguage') }}
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageToggle {
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly otherLang = computed(() => (this.i18n.lang() === 'ja' ? 'en' : 'ja'));

  protected toggle(): void {
    this.i18n.toggle();
  }
}
