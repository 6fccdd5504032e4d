import { el, text, xmlAttr, xmlText } from './xml';

/** The escaping as written before the fast path: every answer must stay byte-for-byte the same. */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const referenceText = (s: string | number) => String(s).replace(ILLEGAL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const referenceAttr = (s: string | number) => referenceText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

describe('XML text and attribute escaping', () => {
  const samples: (string | number)[] = [
    '', '吾輩は猫である', 'ワガハイ ワ ネコ デ アル', 1990, 0, 'a & b', '<b>太字</b>', 'x > y', '"引用"', "it's",
    'tab\there', 'line\nbreak', 'cr\rlf', 'nul\u0000byte', 'bell\u0007', 'vt\u000B ff\u000C', 'esc\u001B[0m', 'del\u007F',
    '𠮷野家', '𩸽 (ほっけ)', 'lone high \uD842 end', 'lone low \uDFB7 end', '\uDFB7\uD842', 'fffe\uFFFE ffff\uFFFF',
    '&amp; already', 'ﾗｼｮｳﾓﾝ', '丸①㈱', 'http://127.0.0.1:3000/opac/katori/records/1?a=1&b=2',
  ];

  it.each(samples.map((s) => [s]))('escapes %j as it always has', (s) => {
    expect(xmlText(s)).toBe(referenceText(s));
    expect(xmlAttr(s)).toBe(referenceAttr(s));
  });

  it('drops what XML 1.0 forbids and keeps surrogate pairs', () => {
    expect(xmlText('a\u0000b\uD842c𠮷')).toBe('abc𠮷');
    expect(xmlAttr('a"\n<')).toBe('a&quot;&#10;&lt;');
    expect(el('x', { a: 'q"&' }, text('y', '1 < 2'))).toBe('<x a="q&quot;&amp;"><y>1 &lt; 2</y></x>');
  });
});
