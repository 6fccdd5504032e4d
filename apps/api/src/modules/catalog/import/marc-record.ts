/** In-memory MARC record shared by the ISO 2709 and MARCXML readers. */

export interface MarcSubfield {
  code: string;
  value: string;
}

export interface MarcControlField {
  tag: string;
  value: string;
}

export interface MarcDataField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: MarcSubfield[];
}

export type MarcField = MarcControlField | MarcDataField;

export interface MarcRecord {
  leader: string;
  fields: MarcField[];
  /** Problems that were worked around (the record is still usable). */
  warnings: string[];
}

/** One entry of a reader's output: a record, or why the index-th record was skipped. */
export interface MarcReadResult {
  /** 0-based position of the record in the file. */
  index: number;
  record?: MarcRecord;
  error?: string;
}

export function isControlField(f: MarcField): f is MarcControlField {
  return (f as MarcControlField).value !== undefined;
}

export function isDataField(f: MarcField): f is MarcDataField {
  return (f as MarcDataField).subfields !== undefined;
}

export function dataFields(record: MarcRecord, tag: string): MarcDataField[] {
  return record.fields.filter((f): f is MarcDataField => f.tag === tag && isDataField(f));
}

export function controlField(record: MarcRecord, tag: string): string | undefined {
  const f = record.fields.find((x) => x.tag === tag && isControlField(x));
  return f ? (f as MarcControlField).value : undefined;
}

export function subfield(field: MarcDataField, code: string): string | undefined {
  return field.subfields.find((s) => s.code === code)?.value;
}

export function subfields(field: MarcDataField, code: string): string[] {
  return field.subfields.filter((s) => s.code === code).map((s) => s.value);
}

/** Control fields are 001-009 (and 00X in general); everything else carries indicators and subfields. */
export function isControlTag(tag: string): boolean {
  return /^00[0-9A-Za-z]$/.test(tag);
}
