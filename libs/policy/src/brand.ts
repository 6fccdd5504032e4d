/**
 * A city's brand colour (its `theme.primary`) paints the OPAC's top bar: the app's and the page
 * the server sends before the app starts (apps/api/src/modules/opac-pages), alike. The text on it must keep
 * WCAG AA contrast whatever colour the city picked, so it is black or white, whichever
 * contrasts more (for any colour one of them reaches at least 4.58:1).
 */
export interface BrandColours {
  background: string;
  foreground: '#000000' | '#ffffff';
}

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

export function parseHex(hex: string): [number, number, number] | null {
  const m = HEX.exec(hex.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.x relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: number, b: number): number {
  const [hi, lo] = a > b ? [a, b] : [b, a];
  return (hi + 0.05) / (lo + 0.05);
}

/** The brand colours for a hex colour, or null when it is missing or not a colour. */
export function brandColours(primary: string | null | undefined): BrandColours | null {
  const rgb = primary ? parseHex(primary) : null;
  if (!rgb) return null;
  const l = relativeLuminance(rgb);
  const onBlack = contrastRatio(l, 0);
  const onWhite = contrastRatio(l, 1);
  const hex = '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join('');
  return { background: hex, foreground: onBlack > onWhite ? '#000000' : '#ffffff' };
}
