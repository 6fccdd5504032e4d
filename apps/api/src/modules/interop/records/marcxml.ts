/**
 * A record as MARC 21 in the MARCXML slim schema (http://www.loc.gov/MARC21/slim), the shape
 * the catalogue's own importer reads back (catalog/import/map-marc.ts), so an export
 * re-imports to the same fields:
 *
 *   leader     n + type/level from the material type (am book, as magazine, gm audiovisual); d when withdrawn
 *   001 005    the record's id; its last change (yyyymmddhhmmss.0)
 *   008        date entered, year of publication (07-10), language (35-37: jpn for Japanese records)
 *   020 $a     ISBN-13
 *   035 $a     control number of the source catalogue
 *   084 $a $2  NDC class, scheme njb
 *   100 / 700  first / further authors ($a), each with its reading in a linked 880 ($6)
 *   245        title $a, subtitle $b ($n volume when there is no series), the reading in a linked 880
 *   264 _1     publisher $b, year $c
 *   490 0_     series $a, volume $v
 *   852        holdings: the library $a (in a region's record, the holding city: one 852 per copy of each city), the branch $b; with live holdings one per copy with the
 *              shelf location $h, barcode $p and the copy's status in $z (在架 (on shelf), 貸出中 (on loan)…)
 *   856 40 $u  the record's page in the OPAC (in a region's record, each city's page, $z the city)
 *
 * Readings follow NDL's MARC 21 practice: the regular field holds the text as written, a
 * linked 880 the kana reading.
 */
import type { ExportRecord } from '../../catalog';
import { el, text } from '../xml/xml';
import { copyStatusLabel, languageOf, RecordContext } from './record-context';

export const MARCXML_NS = 'http://www.loc.gov/MARC21/slim';

type Subfield = [code: string, value: string | number | null | undefined];

function datafield(tag: string, ind1: string, ind2: string, subfields: Subfield[]): string {
  const subs = subfields.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([code, v]) => text('subfield', v!, { code }));
  return subs.length ? el('datafield', { tag, ind1, ind2 }, ...subs) : '';
}

function leaderOf(r: ExportRecord): string {
  const typeLevel = r.materialType === 'magazine' ? 'as' : r.materialType === 'av' ? 'gm' : 'am';
  return `00000${r.withdrawnAt ? 'd' : 'n'}${typeLevel} a2200000 i 4500`;
}

function fixedData(r: ExportRecord): string {
  const entered = r.createdAt.slice(2, 10).replace(/-/g, '');
  const dates = r.publishedYear ? `s${r.publishedYear}    ` : 'nuuuuuuuu';
  const f008 = `${entered}${dates}xx ${' '.repeat(17)}${languageOf(r) ?? 'und'} d`;
  return f008;
}

function latestTransaction(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-T:]/g, '')}.0`;
}

/** The `<record>` element (with its namespace declared) of one record. */
export function marcxmlRecord(r: ExportRecord, ctx: RecordContext): string {
  const fields: string[] = [];
  let link = 0;
  const alternates: string[] = [];
  /** a regular field and, when there is a reading, its 880 with the reading */
  const withReading = (tag: string, ind1: string, ind2: string, subs: Subfield[], reading: string | null | undefined) => {
    if (!reading) return datafield(tag, ind1, ind2, subs);
    link++;
    const occ = String(link).padStart(2, '0');
    alternates.push(datafield('880', ind1, ind2, [['6', `${tag}-${occ}`], ['a', reading]]));
    return datafield(tag, ind1, ind2, [['6', `880-${occ}`], ...subs]);
  };

  fields.push(text('controlfield', r.id, { tag: '001' }));
  fields.push(text('controlfield', latestTransaction(r.changedAt), { tag: '005' }));
  fields.push(text('controlfield', fixedData(r), { tag: '008' }));
  fields.push(datafield('020', ' ', ' ', [['a', r.isbn]]));
  fields.push(datafield('035', ' ', ' ', [['a', r.controlNumber]]));
  if (r.ndc) fields.push(datafield('084', ' ', ' ', [['a', r.ndc], ['2', 'njb']]));
  const [first, ...others] = r.authors;
  if (first) fields.push(withReading('100', '1', ' ', [['a', first.name]], first.reading));
  fields.push(
    withReading('245', first ? '1' : '0', '0', [['a', r.title], ['b', r.subtitle], ['n', r.series ? null : r.volume]], r.titleReading),
  );
  if (r.publisher || r.publishedYear) fields.push(datafield('264', ' ', '1', [['b', r.publisher], ['c', r.publishedYear]]));
  if (r.series) fields.push(datafield('490', '0', ' ', [['a', r.series], ['v', r.volume]]));
  for (const a of others) fields.push(withReading('700', '1', ' ', [['a', a.name]], a.reading));
  if (ctx.holdings) {
    for (const h of ctx.holdings) {
      for (const i of h.items) {
        fields.push(datafield('852', ' ', ' ', [['a', h.libraryName], ['b', i.branchName], ['h', i.shelfLocation], ['p', i.barcode], ['z', copyStatusLabel(i.status, i.loanable)]]));
      }
    }
  } else if (ctx.liveHoldings && r.items) {
    for (const i of r.items) {
      fields.push(
        datafield('852', ' ', ' ', [['a', ctx.libraryName], ['b', i.branchName], ['h', i.shelfLocation], ['p', i.barcode], ['z', copyStatusLabel(i.status, i.loanable)]]),
      );
    }
  } else {
    for (const b of r.branches) fields.push(datafield('852', ' ', ' ', [['a', ctx.libraryName], ['b', b.name]]));
  }
  if (ctx.holdings) for (const h of ctx.holdings) fields.push(datafield('856', '4', '0', [['u', h.recordUrl], ['z', h.libraryName]]));
  else fields.push(datafield('856', '4', '0', [['u', ctx.recordUrl(r.id)]]));
  fields.push(...alternates);
  return el('record', { xmlns: MARCXML_NS }, text('leader', leaderOf(r)), ...fields);
}
