import { BASE, flushLibrary, Harness, startLibrarianPage, typeInto } from '../../testing/librarian';
import { I18n } from '../core/i18n';
import { TestBed } from '@angular/core/testing';
import type { StaffRecordView } from '@shiori/contracts';
import { RecordEditPage } from './record-edit-page';

jest.setTimeout(20_000);

const record: StaffRecordView = {
  id: 'r1',
  title: '草枕',
  titleReading: null,
  subtitle: null,
  authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }],
  publisher: null,
  publishedYear: null,
  isbn: null,
  materialType: 'book',
  series: null,
  volume: null,
  ndc: '913.6',
  controlNumber: null,
  receivedAt: null,
  callNumber: null,
  coverUrl: null,
  availability: { total: 0, available: 0, onLoan: 0, status: 'unavailable' },
  createdAt: '2026-05-01T01:00:00.000Z',
  updatedAt: '2026-05-01T01:00:00.000Z',
  withdrawnAt: null,
  items: [],
};

/** The record form names the NDC class the librarian typed, from the one table the OPAC shows patrons (@shiori/web-core). */
describe('RecordEditPage: NDC class names', () => {
  let h: Harness;
  afterEach(() => h.http.verify());

  const hint = () => h.page.querySelector('.ndc-name')?.textContent?.trim();
  const ndcField = () => h.page.querySelector<HTMLInputElement>('input[name=ndc]');

  async function open() {
    h = await startLibrarianPage(RecordEditPage, 'catalog/records/:id', [], [], 'catalog/records/r1');
    flushLibrary(h.http);
    h.http.expectOne(`${BASE}/admin/records/r1`).flush(record);
    await h.stable();
  }

  it('shows 「913.6 小説・物語」 under the stored code, and follows what is typed', async () => {
    await open();
    expect(hint()).toBe('913.6 小説・物語');
    typeInto(ndcField(), '49');
    await h.stable();
    expect(hint()).toBe('49 医学・薬学');
    typeInto(ndcField(), '933');
    await h.stable();
    expect(hint()).toBe('933 英米文学：小説・物語');
  });

  it('falls back to the example while the code is not one, and names the class in English for English', async () => {
    await open();
    typeInto(ndcField(), '9x');
    await h.stable();
    // not a code: no name anywhere under the field, the example instead
    const under = h.page.querySelector('input[name=ndc]')!.closest('mat-form-field')!.querySelector('.mat-mdc-form-field-subscript-wrapper')!.textContent!;
    expect(under).not.toContain('文学');
    expect(under).toContain('例：913.6');
    TestBed.inject(I18n).setLang('en');
    typeInto(ndcField(), '913');
    await h.stable();
    expect(hint()).toMatch(/^913 [A-Z]/);
  });
});
