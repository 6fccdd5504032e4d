import { regionLocationFrom } from './region-location';

describe('regionLocationFrom', () => {
  it('reads the region and the API base from the base href', () => {
    expect(regionLocationFrom('http://x.example/opac/r/fukuoka/')).toEqual({ apiBase: '/api', region: 'fukuoka' });
    expect(regionLocationFrom('https://x.example/shiori/opac/r/chikugo-area/')).toEqual({ apiBase: '/shiori/api', region: 'chikugo-area' });
  });

  it('is null for a city page and for anything else', () => {
    expect(regionLocationFrom('http://x.example/opac/koga/')).toBeNull();
    expect(regionLocationFrom('http://x.example/opac/r/')).toBeNull();
    expect(regionLocationFrom('http://x.example/')).toBeNull();
  });
});
