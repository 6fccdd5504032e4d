import { csvCell, csvFile } from './csv';

describe('CSV cells people open in a spreadsheet', () => {
  it('neutralises a cell that starts like a formula (OWASP CSV injection)', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1+1')).toBe(`"'+1+1"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('＝１＋１')).toBe(`"'＝１＋１"`);
  });

  it('leaves other cells as they are, quoting only what RFC 4180 needs', () => {
    expect(csvCell('こころ')).toBe('こころ');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('夏目 漱石 / 森 鷗外')).toBe('夏目 漱石 / 森 鷗外');
    expect(csvCell('上, 下')).toBe('"上, 下"');
    expect(csvCell('「"引用"」')).toBe('"「""引用""」"');
    expect(csvCell(9784003101018)).toBe('9784003101018');
    expect(csvCell(null)).toBe('');
  });

  it('writes a file with a BOM and CRLF line ends', () => {
    expect(csvFile(['a', 'b'], [['=1', 'x']])).toBe(`\uFEFFa,b\r\n"'=1",x\r\n`);
  });
});
