import { defineErrors } from '../../engine/errors/domain-error';

/** Domain codes of the catalogue: records, copies, imports, public lists. */
export const CatalogErrors = defineErrors({
  RECORD_NOT_FOUND: { status: 404, ja: '資料が見つかりません。', en: 'No such record.' },
  ITEM_NOT_FOUND: { status: 404, ja: 'その資料番号（バーコード）の所蔵はありません。', en: 'No copy with this barcode.' },
  BARCODE_EXISTS: { status: 409, ja: 'その資料番号（バーコード）は既に使われています。', en: 'A copy with this barcode already exists.' },
  ISBN_INVALID: { status: 422, ja: 'ISBN が正しくありません（桁数またはチェックディジット）。', en: 'The ISBN is not valid (length or check digit).' },
  MATERIAL_TYPE_UNKNOWN: { status: 422, ja: 'その資料種別はこの図書館では使われていません。', en: 'This material type is not used by this library.' },
  RECORD_WITHDRAWN: { status: 409, ja: 'この資料は除籍されています。', en: 'This record has been withdrawn.' },
  RECORD_IN_CIRCULATION: { status: 409, ja: '貸出中・予約確保中・回送中の所蔵があるため除籍できません。', en: 'A copy is on loan, on the hold shelf or in transit; the record cannot be withdrawn.' },
  RECORD_HAS_HOLDS: { status: 409, ja: '有効な予約があるため除籍できません。予約を取り消してから除籍してください。', en: 'The record has active holds; cancel them before withdrawing it.' },
  ITEM_IN_CIRCULATION: { status: 409, ja: 'この所蔵は貸出中・予約確保中・回送中のため、その状態には変更できません。', en: 'The copy is on loan, on the hold shelf or in transit; its status cannot be changed so.' },
  IMPORT_NOT_FOUND: { status: 404, ja: '取込みが見つかりません。', en: 'No such import.' },
  IMPORT_FILE_MISSING: { status: 400, ja: 'ファイル（file）を指定してください。', en: 'Send the catalogue file in the field `file`.' },
  IMPORT_FORMAT_UNKNOWN: { status: 422, ja: 'ファイル形式を判別できません（MARC21・MARCXML・CSV に対応）。', en: 'Unrecognised file format (MARC 21, MARCXML or CSV expected).' },
  LIST_NOT_PUBLISHED: { status: 404, ja: 'この図書館ではこの一覧を公開していません。', en: 'This library does not publish this list.' },
  LIST_RECORDS_UNKNOWN: { status: 422, ja: '存在しない（または除籍された）資料が含まれています。', en: 'Some records do not exist or have been withdrawn.' },
  SEARCH_YEAR_RANGE: { status: 400, ja: '出版年の範囲が正しくありません（「から」が「まで」より後になっています）。', en: 'The publication year range is reversed: “from” is after “to”.' },
  LIST_NOT_FOUND: { status: 404, ja: 'おすすめリストが見つかりません。', en: 'No such recommended list.' },
});
