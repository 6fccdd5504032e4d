import { LineSplitter } from './lines';

const text = (lines: Buffer[]) => lines.map((l) => l.toString('utf8'));

describe('LineSplitter (message ends: CR, CRLF or LF)', () => {
  it('cuts at CR, CRLF and LF alike and drops empty lines', () => {
    const s = new LineSplitter(1000);
    expect(text(s.push(Buffer.from('9900302.00\r9300CNa|COb|\r\n1720261214    103005AB1|\n\r\n')).lines)).toEqual([
      '9900302.00',
      '9300CNa|COb|',
      '1720261214    103005AB1|',
    ]);
  });

  it('joins a message that arrives in pieces, multi-byte characters split between them included', () => {
    const s = new LineSplitter(1000);
    const whole = Buffer.from('AJ吾輩は猫である|\r', 'utf8');
    expect(s.push(whole.subarray(0, 4)).lines).toEqual([]);
    expect(text(s.push(whole.subarray(4)).lines)).toEqual(['AJ吾輩は猫である|']);
  });

  it('reports a line longer than the limit, whether it ends in the chunk or not, and keeps nothing of it', () => {
    const s = new LineSplitter(16);
    expect(s.push(Buffer.from('x'.repeat(17))).tooLong).toBe(true);
    expect(s.push(Buffer.from('9900302.00\r')).lines.length).toBe(1);
    const t = new LineSplitter(16);
    expect(t.push(Buffer.from('x'.repeat(10))).tooLong).toBe(false);
    expect(t.push(Buffer.from('y'.repeat(10) + '\r')).tooLong).toBe(true);
  });
});
