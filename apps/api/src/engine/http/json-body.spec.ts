import { jsonNestingDepth } from './json-body';

const depthOf = (text: string, limit?: number) => jsonNestingDepth(Buffer.from(text, 'utf8'), limit);

/** The nesting of a parsed value: what the scan of its text must find. */
function structuralDepth(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(structuralDepth));
  if (v && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(structuralDepth));
  return 0;
}

/** A small deterministic generator (the same values on every run). */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const TRICKY = ['[', ']', '{', '}', '"', '\\', '\\"', '"[', '\\[', '\\\\', '図', '「[」', '\u0000', '\n', 'a'];

function randomValue(next: () => number, depth: number): unknown {
  const pick = next();
  if (depth <= 0 || pick < 0.3) {
    const parts = Array.from({ length: Math.floor(next() * 5) }, () => TRICKY[Math.floor(next() * TRICKY.length)]);
    return next() < 0.8 ? parts.join('') : Math.floor(next() * 1000);
  }
  const n = Math.floor(next() * 4);
  if (pick < 0.65) return Array.from({ length: n }, () => randomValue(next, depth - 1));
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`${TRICKY[Math.floor(next() * TRICKY.length)]}${i}`, randomValue(next, depth - 1)]));
}

describe('jsonNestingDepth (the scan before JSON.parse)', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(depthOf('1')).toBe(0);
    expect(depthOf('"text"')).toBe(0);
    expect(depthOf('[]')).toBe(1);
    expect(depthOf('{}')).toBe(1);
    expect(depthOf('{"a":[{"b":[]}],"c":1}')).toBe(4);
    expect(depthOf('[[],[[]],[]]')).toBe(3);
  });

  it('ignores brackets inside strings, keys included', () => {
    expect(depthOf('{"a":"[[[[{{{{"}')).toBe(1);
    expect(depthOf('{"[[[[":1}')).toBe(1);
    expect(depthOf('["]]]]", ["x"]]')).toBe(2);
  });

  it('follows escapes: an escaped quote does not end a string, an escaped backslash does not escape the quote', () => {
    expect(depthOf(String.raw`{"a":"\"[[[\"","b":[[]]}`)).toBe(3);
    expect(depthOf(String.raw`{"a":"\\","b":[[[]]]}`)).toBe(4);
    expect(depthOf(String.raw`["\\\"[[", [[]]]`)).toBe(3);
    expect(depthOf(String.raw`["\u005b\u007b", []]`)).toBe(2);
  });

  it('reads UTF-8 text: Japanese characters never look like brackets or quotes', () => {
    expect(depthOf('{"書名":"「[夏目漱石]」","巻":[["上"]]}')).toBe(3);
  });

  it('stops as soon as it passes the limit', () => {
    expect(depthOf('['.repeat(5000) + ']'.repeat(5000), 32)).toBe(33);
    expect(depthOf('['.repeat(32) + ']'.repeat(32), 32)).toBe(32);
    expect(depthOf('['.repeat(5000) + ']'.repeat(5000))).toBe(5000);
  });

  it('agrees with JSON.parse on generated documents full of brackets, quotes and backslashes in strings', () => {
    const next = rng(20261206);
    for (let i = 0; i < 2000; i++) {
      const value = randomValue(next, 1 + Math.floor(next() * 8));
      const text = JSON.stringify(value);
      expect(depthOf(text)).toBe(structuralDepth(JSON.parse(text)));
    }
  });
});
