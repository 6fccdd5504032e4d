/** The five demo cities: one tenant per founding preset, with printed demo logins. */
export interface DemoCity {
  slug: string;
  preset: string;
  name: string;
  librarian: string;
}

export const DEMO_LIBRARIAN_PASSWORD = 'demo-librarian';

export const DEMO_CITIES: DemoCity[] = [
  { slug: 'katori', preset: 'katori', name: '香取市立図書館', librarian: 'katori-librarian' },
  { slug: 'kushiro', preset: 'kushiro', name: '釧路市中央図書館', librarian: 'kushiro-librarian' },
  { slug: 'kitakyushu', preset: 'kitakyushu', name: '北九州市立図書館', librarian: 'kitakyushu-librarian' },
  { slug: 'city003', preset: 'city003', name: 'サンプル市立図書館（city003）', librarian: 'city003-librarian' },
  { slug: 'koga', preset: 'koga', name: '古賀市立図書館', librarian: 'koga-librarian' },
];
