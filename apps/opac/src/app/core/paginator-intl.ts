import { effect, inject, Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { I18n } from './i18n';

/** The paginator's words in the reader's language, following a switch. */
@Injectable()
export class OpacPaginatorIntl extends MatPaginatorIntl {
  private readonly i18n = inject(I18n);

  constructor() {
    super();
    effect(() => {
      const t = this.i18n.t;
      this.itemsPerPageLabel = t('pager.perPage');
      this.nextPageLabel = t('pager.next');
      this.previousPageLabel = t('pager.previous');
      this.firstPageLabel = t('pager.first');
      this.lastPageLabel = t('pager.last');
      this.getRangeLabel = (page, size, length) =>
        length === 0 ? t('pager.none') : t('pager.range', { from: page * size + 1, to: Math.min(length, (page + 1) * size), total: length });
      this.changes.next();
    });
  }
}
