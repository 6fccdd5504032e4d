import { brandColours, contrastRatio, parseHex, relativeLuminance } from './brand';

describe('brand colours', () => {
  it('parses short and long hex', () => {
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('1B5E8C')).toEqual([27, 94, 140]);
    expect(parseHex('blue')).toBeNull();
  });

  it('puts white text on dark colours and black text on light ones', () => {
    expect(brandColours('#1b5e8c')).toEqual({ background: '#1b5e8c', foreground: '#ffffff' });
    expect(brandColours('#ffd54f')).toEqual({ background: '#ffd54f', foreground: '#000000' });
    expect(brandColours(null)).toBeNull();
    expect(brandColours('red; background: url(x)')).toBeNull();
  });

  it('always reaches WCAG AA (4.5:1) for normal text', () => {
    for (let i = 0; i < 4096; i += 7) {
      const hex = '#' + i.toString(16).padStart(3, '0');
      const { background, foreground } = brandColours(hex)!;
      const ratio = contrastRatio(relativeLuminance(parseHex(background)!), relativeLuminance(parseHex(foreground)!));
      expect(ratio).toBeGreaterThanOrEqual(4.5);
    }
  });
});
