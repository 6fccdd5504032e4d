import { authorMark, copyCallNumber, derivedCallNumber } from './call-number';

describe('call numbers (請求記号)', () => {
  const soseki = [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }];

  it('makes class / author mark / volume from the record', () => {
    expect(derivedCallNumber({ ndc: '913.6', authors: soseki, volume: '1' })).toBe('913.6/ナ/1');
    expect(derivedCallNumber({ ndc: '913.6', authors: soseki })).toBe('913.6/ナ');
    expect(derivedCallNumber({ ndc: '007', authors: [{ name: 'Young, Peter' }] })).toBe('007/Y');
    expect(derivedCallNumber({})).toBeNull();
    expect(derivedCallNumber({ authors: soseki, volume: '1' })).toBeNull();
  });

  it('takes the author mark from the reading in katakana, hiragana readings too', () => {
    expect(authorMark([{ name: '芥川 竜之介', reading: 'あくたがわ' }])).toBe('ア');
    expect(authorMark([{ name: '萩原 朔太郎' }])).toBe('萩');
    expect(authorMark([])).toBeNull();
  });

  it('prefers the copy’s own, then the record’s catalogued call number', () => {
    const record = { ndc: '913.6', authors: soseki, callNumber: 'K913/ナ' };
    expect(copyCallNumber({ callNumber: '大活字 913.6/ナ' }, record)).toBe('大活字 913.6/ナ');
    expect(copyCallNumber({ callNumber: ' ' }, record)).toBe('K913/ナ');
    expect(copyCallNumber({}, { ndc: '913.6', authors: soseki })).toBe('913.6/ナ');
  });
});
