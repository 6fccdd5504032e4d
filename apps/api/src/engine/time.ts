/** Library days are Japanese calendar days: 'YYYY-MM-DD' in Asia/Tokyo. */
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

export function tokyoDate(at: Date = new Date()): string {
  return fmt.format(at);
}
