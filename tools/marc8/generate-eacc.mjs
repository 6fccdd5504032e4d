#!/usr/bin/env node
// Generates apps/api/src/modules/catalog/import/marc8-eacc-table.ts: the MARC-8 EACC
// (East Asian Character Code, `ESC $ 1`) → Unicode table used by marc8.ts.
//
// Development-time only: it needs YAZ's `yaz-iconv` (Debian: `apt-get install yaz`); the
// product and CI only read the committed table. YAZ's MARC-8 tables come from the Library
// of Congress MARC-8 code tables (public domain).
//
//   node tools/marc8/generate-eacc.mjs           # writes the table
//   node tools/marc8/generate-eacc.mjs --check   # regenerates and compares with the committed file
//
// How: every candidate code (each of the 3 bytes in 0x21–0x7E, 830,584 codes) goes through
// `yaz-iconv -f MARC8 -t UTF-8`, in batches. yaz-iconv (YAZ 5.34) drops control characters
// such as LF (so lines cannot delimit codes), drops unmapped codes without a word, and reads its
// input in 64-byte chunks, silently losing a multibyte character that straddles two chunks. So
// each code is a fixed 16-byte record, which never straddles a chunk:
//     "#" + 6 hex digits (the code, as a label) + ESC $ 1 + 3 bytes + ESC ( B
// The output is then read label by label; a batch whose labels do not all come back in
// order is redone one code per yaz-iconv call. The whole run is done twice with two record
// layouts (the second one pads the record to 32 bytes), and both must agree.
// Finally every EACC code in pymarc's conversion oracle (test_marc8.txt / test_utf8.txt)
// must map to what the oracle shows.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'apps/api/src/modules/catalog/import/marc8-eacc-table.ts');
const ORACLE = path.join(ROOT, 'apps/api/test/fixtures/marc/pymarc');
const BATCH = 4096;

const hex6 = (c) => c.toString(16).padStart(6, '0');
const inRange = (c) => [c >> 16, (c >> 8) & 0xff, c & 0xff].every((b) => b >= 0x21 && b <= 0x7e);

function yazVersion() {
  const r = spawnSync('yaz-client', ['-V'], { encoding: 'utf8' });
  const m = /YAZ version: (\S+)/.exec(r.stdout ?? '');
  if (!m) throw new Error('yaz-client -V did not print a version: is YAZ installed (apt-get install yaz)?');
  return m[1];
}

function yazIconv(input) {
  const r = spawnSync('yaz-iconv', ['-f', 'MARC8', '-t', 'UTF-8'], { input, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`yaz-iconv exited with ${r.status}: ${r.stderr}`);
  const err = r.stderr.toString().trim();
  return { out: r.stdout.toString('utf8'), err };
}

const record = (code, pad) =>
  Buffer.concat([
    Buffer.from(`#${hex6(code)}`, 'latin1'),
    Buffer.from([0x1b, 0x24, 0x31, code >> 16, (code >> 8) & 0xff, code & 0xff, 0x1b, 0x28, 0x42]),
    Buffer.alloc(pad, 0x20),
  ]);

/** Converts the codes in one yaz-iconv call; undefined when the labels do not come back in order. */
function convertBatch(codes, pad) {
  const { out, err } = yazIconv(Buffer.concat(codes.map((c) => record(c, pad))));
  if (err) return undefined;
  const result = new Map();
  let pos = 0;
  for (let k = 0; k < codes.length; k++) {
    const label = `#${hex6(codes[k])}`;
    if (out.slice(pos, pos + 7) !== label) return undefined;
    pos += 7;
    const next = k + 1 < codes.length ? out.indexOf(`#${hex6(codes[k + 1])}`, pos) : out.length;
    if (next < 0) return undefined;
    let text = out.slice(pos, next);
    if (pad) {
      if (!text.endsWith(' '.repeat(pad))) return undefined;
      text = text.slice(0, -pad);
    }
    if (text) result.set(codes[k], text);
    pos = next;
  }
  return result;
}

function convertAll(pad) {
  const codes = [];
  for (let a = 0x21; a <= 0x7e; a++)
    for (let b = 0x21; b <= 0x7e; b++) for (let c = 0x21; c <= 0x7e; c++) codes.push((a << 16) | (b << 8) | c);
  const all = new Map();
  let fallbacks = 0;
  for (let i = 0; i < codes.length; i += BATCH) {
    const batch = codes.slice(i, i + BATCH);
    let got = convertBatch(batch, pad);
    if (!got) {
      fallbacks++;
      got = new Map();
      for (const c of batch) {
        const one = convertBatch([c], pad);
        if (!one) throw new Error(`yaz-iconv: no usable output for EACC ${hex6(c)}`);
        for (const [k, v] of one) got.set(k, v);
      }
    }
    for (const [k, v] of got) all.set(k, v);
  }
  return { all, fallbacks, candidates: codes.length };
}

/** Checks the table against pymarc's parallel oracle lines made of ASCII and EACC only. */
function checkOracle(table) {
  const marc8 = fs.readFileSync(path.join(ORACLE, 'test_marc8.txt'));
  const utf8 = fs.readFileSync(path.join(ORACLE, 'test_utf8.txt'), 'utf8').split('\n');
  const lines = [];
  let start = 0;
  for (let i = 0; i < marc8.length; i++) {
    if (marc8[i] === 0x0a) {
      lines.push(marc8.subarray(start, i));
      start = i + 1;
    }
  }
  const seen = new Map(); // code → oracle text
  const odd = new Map(); // codes with a byte outside 0x21–0x7E (not EACC; see EACC_ODD in marc8.ts)
  const problems = [];
  let checkedLines = 0;
  lines.forEach((line, n) => {
    if (!line.includes('\x1b$1')) return;
    // Only lines whose other parts are plain ASCII: they align character by character.
    let g0 = 'B';
    let ok = true;
    const parts = []; // ['a', text] or ['e', code]
    for (let i = 0; i < line.length; ) {
      const b = line[i];
      if (b === 0x1b) {
        if (line[i + 1] === 0x24 && line[i + 2] === 0x31) {
          g0 = '1';
          i += 3;
        } else if (line[i + 1] === 0x28 && line[i + 2] === 0x42) {
          g0 = 'B';
          i += 3;
        } else {
          ok = false;
          break;
        }
      } else if (b >= 0x80) {
        ok = false;
        break;
      } else if (g0 === '1' && b !== 0x20) {
        parts.push(['e', (b << 16) | (line[i + 1] << 8) | line[i + 2]]);
        i += 3;
      } else {
        parts.push(['a', String.fromCharCode(b)]);
        i++;
      }
    }
    if (!ok) return;
    checkedLines++;
    const want = utf8[n];
    let pos = 0;
    for (const [kind, v] of parts) {
      if (kind === 'a') {
        if (want[pos] !== v) return problems.push(`line ${n + 1}: ASCII ${JSON.stringify(v)} not aligned`);
        pos++;
        continue;
      }
      if (!inRange(v)) {
        odd.set(v, want.slice(pos, pos + 1));
        pos++;
        continue;
      }
      const mine = table.get(v);
      const len = mine ? mine.length : want.codePointAt(pos) > 0xffff ? 2 : 1;
      const theirs = want.slice(pos, pos + len);
      seen.set(v, theirs);
      if (mine !== theirs) problems.push(`line ${n + 1}: EACC ${hex6(v)} → ${mine ?? '(unmapped)'} but the oracle has ${theirs}`);
      pos += len;
    }
    if (pos !== want.length) problems.push(`line ${n + 1}: length differs`);
  });
  return { checkedLines, codes: seen.size, odd, problems };
}

/**
 * Encoding (decoded by eaccTable() in marc8.ts): entries sorted by EACC code, one token each,
 *   <sign><code point delta>[:<code delta>][*<run>]      (numbers in base 36)
 * The code point delta is from the previous token's last code point (the first from 0), sign
 * "+" or "-"; the code delta is from the previous token's last code (the first from 0) and is
 * left out when it is 1; "*<run>" stands for <run> consecutive codes mapping to consecutive
 * code points. Every token starts with a sign, so the string needs no separators.
 */
function encode(table) {
  const codes = [...table.keys()].sort((a, b) => a - b);
  const cpOf = (code) => table.get(code).codePointAt(0);
  const out = [];
  let prevCode = 0;
  let prevCp = 0;
  for (let i = 0; i < codes.length; ) {
    const code = codes[i];
    const cp = cpOf(code);
    let run = 1;
    while (i + run < codes.length && codes[i + run] === code + run && cpOf(codes[i + run]) === cp + run) run++;
    const d = cp - prevCp;
    out.push(
      (d < 0 ? '-' : '+') +
        Math.abs(d).toString(36) +
        (code - prevCode !== 1 ? ':' + (code - prevCode).toString(36) : '') +
        (run > 1 ? '*' + run.toString(36) : ''),
    );
    prevCode = code + run - 1;
    prevCp = cp + run - 1;
    i += run;
  }
  return out.join('');
}

/** The inverse of encode(), as marc8.ts does it: the generator checks the round trip. */
function decode(data) {
  const t = new Map();
  const re = /([+-])([0-9a-z]+)(?::([0-9a-z]+))?(?:\*([0-9a-z]+))?/y;
  let code = 0;
  let cp = 0;
  while (re.lastIndex < data.length) {
    const m = re.exec(data);
    if (!m) throw new Error(`bad EACC data at ${re.lastIndex}`);
    cp += (m[1] === '-' ? -1 : 1) * parseInt(m[2], 36);
    code += m[3] ? parseInt(m[3], 36) : 1;
    const run = m[4] ? parseInt(m[4], 36) : 1;
    for (let k = 0; k < run; k++) t.set(code + k, String.fromCodePoint(cp + k));
    code += run - 1;
    cp += run - 1;
  }
  return t;
}

function render(version, size, data) {
  const chunks = [];
  for (let i = 0; i < data.length; i += 96) chunks.push(`  '${data.slice(i, i + 96)}',`);
  return `/**
 * MARC-8 EACC (East Asian Character Code, \`ESC $ 1\`: CJK ideographs, kana, Hangul, ideographic
 * punctuation) → Unicode: ${size} entries, each EACC code to one Unicode code point.
 *
 * GENERATED by tools/marc8/generate-eacc.mjs from YAZ ${version} (\`yaz-iconv -f MARC8 -t UTF-8\`;
 * YAZ by Index Data, BSD licence), checked against pymarc's MARC-8 conversion oracle. Character
 * data: Library of Congress MARC-8 code tables, EACC (a US government work, public domain).
 * Do not edit by hand: rerun the generator.
 *
 * Encoding (decoded once, on first use, by eaccTable() in marc8.ts): entries sorted by EACC code,
 * one token each, \`<sign><code point delta>[:<code delta>][*<run>]\`, numbers in base 36. The code
 * point delta is from the previous token's last code point (the first from 0); the code delta is
 * from the previous token's last code (the first from 0) and is left out when it is 1; \`*<run>\`
 * stands for <run> consecutive codes mapping to consecutive code points.
 */
export const EACC_ENTRIES = ${size};

export const EACC_DATA = [
${chunks.join('\n')}
].join('');
`;
}

function main() {
  const check = process.argv.includes('--check');
  const version = yazVersion();
  const first = convertAll(0);
  const second = convertAll(16);
  const diff = [];
  for (const k of new Set([...first.all.keys(), ...second.all.keys()])) {
    if (first.all.get(k) !== second.all.get(k)) diff.push(`${hex6(k)}: ${first.all.get(k)} / ${second.all.get(k)}`);
  }
  if (diff.length) throw new Error(`the two yaz-iconv runs disagree:\n${diff.slice(0, 20).join('\n')}`);
  const table = first.all;
  const list = (entries) => entries.map(([k, v]) => `${hex6(k)}=${[...v].map((c) => 'U+' + c.codePointAt(0).toString(16).toUpperCase()).join('+')}`).join(', ');

  console.log(`YAZ ${version}: ${table.size} of ${first.candidates} candidate codes mapped`);
  console.log(`batches redone one code at a time: ${first.fallbacks} + ${second.fallbacks}`);
  // The encoding holds one code point per code: fail loudly if a future YAZ maps a code to a
  // sequence or to a combining mark (which would also need reordering in marc8.ts).
  const multi = [...table].filter(([, v]) => Array.from(v).length !== 1);
  const combining = [...table].filter(([, v]) => /\p{M}/u.test(v));
  if (multi.length || combining.length) {
    throw new Error(`not one plain code point: ${list(multi)} ${list(combining)}; extend the encoding and marc8.ts`);
  }
  const astral = [...table].filter(([, v]) => v.codePointAt(0) > 0xffff);
  const pua = [...table].filter(([, v]) => /\p{Co}/u.test(v));
  console.log(`no sequences, no combining marks; outside the BMP: ${astral.length} (${list(astral)})`);
  console.log(`private use (as the LC table maps them): ${pua.length}`);

  const oracle = checkOracle(table);
  console.log(`pymarc oracle: ${oracle.checkedLines} ASCII+EACC lines, ${oracle.codes} distinct EACC codes, all as the oracle`);
  if (oracle.odd.size) console.log(`  non-EACC codes (a byte 0x20/0x7F; EACC_ODD in marc8.ts): ${list([...oracle.odd])}`);
  if (oracle.problems.length) throw new Error(`oracle mismatches:\n${oracle.problems.join('\n')}`);

  const data = encode(table);
  const back = decode(data);
  if (back.size !== table.size || [...table].some(([k, v]) => back.get(k) !== v)) throw new Error('encoding round trip failed');
  const file = render(version, table.size, data);
  const rel = path.relative(ROOT, OUT);
  if (check) {
    const same = fs.existsSync(OUT) && fs.readFileSync(OUT, 'utf8') === file;
    console.log(same ? `${rel} is up to date` : `${rel} differs from what the generator makes`);
    process.exit(same ? 0 : 1);
  }
  fs.writeFileSync(OUT, file);
  console.log(`wrote ${rel}: ${table.size} entries, ${Buffer.byteLength(file)} bytes`);
}

main();
