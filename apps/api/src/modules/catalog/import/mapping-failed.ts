/** What a record that made its mapper fail is reported with (a bug, or input nobody foresaw): that record only, never the file. */
export function mappingFailed(e: unknown): string {
  return `この記録は変換できませんでした / the record could not be converted: ${(e as Error)?.message ?? String(e)}`.slice(0, 500);
}
