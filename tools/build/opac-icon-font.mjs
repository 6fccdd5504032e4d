#!/usr/bin/env node
// Builds the OPAC's icon font: only the Material Symbols the OPAC shows, cut from the npm
// package's 3.9 MB variable font (Nx target `opac:icons`, run before every OPAC build).
//
// Which icons: every `<mat-icon>name</mat-icon>`, `<span class="icon" …>name</span>` (the
// header's plain icons), `fontIcon="name"` and `icon: 'name'` in apps/opac/src, plus ALWAYS
// below (icons chosen at run time some other way). A name that is no
// Material Symbol stops the build, so a typo never ships as the word itself on a patron's screen.
//
// How: harfbuzz (wasm, npm harfbuzzjs through subset-font) shapes each name to its glyph, finds
// the glyph's private-use code point, and subsets the font to those code points and the letters
// the names are typed with, without the layout closure (which would keep every ligature made of
// those letters, i.e. the whole font). The variation axes are pinned to the look the OPAC uses
// (outlined, weight 400, grade 0, 24 px optical size), which drops the variation data too.
import * as hb from 'harfbuzzjs';
import fontverter from 'fontverter';
import subsetFont from 'subset-font';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const sourceDir = join(root, 'apps/opac/src');
const out = join(root, 'apps/opac/src/generated/material-symbols-opac.woff2');
// branch-list.ts picks local_shipping (a bookmobile) or local_library in an expression
const ALWAYS = ['menu', 'close', 'tune', 'wifi_off', 'refresh', 'local_library', 'local_shipping'];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|html)$/.test(name) && !/\.spec\.ts$/.test(name)) yield p;
  }
}

const used = new Set(ALWAYS);
const patterns = [/<mat-icon\b[^>]*>\s*([a-z0-9_]+)\s*<\/mat-icon>/g, /<span class="icon"[^>]*>\s*([a-z0-9_]+)\s*<\/span>/g, /\bfontIcon="([a-z0-9_]+)"/g, /\bicon:\s*'([a-z0-9_]+)'/g];
for (const file of files(sourceDir)) {
  const text = readFileSync(file, 'utf8');
  for (const re of patterns) for (const m of text.matchAll(re)) used.add(m[1]);
}

const require = createRequire(import.meta.url);
const original = readFileSync(require.resolve('material-symbols/material-symbols-outlined.woff2'));
const ttf = await fontverter.convert(original, 'truetype');
const face = new hb.Face(new hb.Blob(ttf));
const font = new hb.Font(face);
const glyphOf = (text) => {
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  return buffer.getGlyphInfos().map((g) => g.codepoint);
};
const codePointOfGlyph = new Map();
for (const u of face.collectUnicodes()) if (u >= 0xe000 && u <= 0xf8ff) codePointOfGlyph.set(font.nominalGlyph(u), u);

const names = [...used].sort();
const missing = [];
let text = 'abcdefghijklmnopqrstuvwxyz0123456789_';
for (const name of names) {
  const glyphs = glyphOf(name);
  const cp = glyphs.length === 1 ? codePointOfGlyph.get(glyphs[0]) : undefined;
  if (cp === undefined) missing.push(name);
  else text += String.fromCodePoint(cp);
}
if (missing.length) {
  console.error(`Not Material Symbols (check the spelling in apps/opac/src): ${missing.join(', ')}`);
  process.exit(1);
}

const subset = await subsetFont(original, text, {
  targetFormat: 'woff2',
  noLayoutClosure: true,
  variationAxes: { FILL: 0, wght: 400, GRAD: 0, opsz: 24 },
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, subset);
console.log(`OPAC icon font: ${names.length} icons, ${subset.length} bytes (from ${original.length}) → ${out.slice(root.length + 1)}`);
