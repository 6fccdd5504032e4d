import { hashPassword, verifyPassword } from './passwords';

describe('password hashes', () => {
  it('are argon2id with the configured cost, and verify', async () => {
    const h = await hashPassword('correct horse');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'correct horse')).toBe(true);
    expect(await verifyPassword(h, 'wrong horse')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
  });
});
