import { TestApp } from './app';

export interface PatronInput {
  cardNumber: string;
  name?: string;
  nameKana?: string;
  birthDate?: string;
  phone?: string;
  email?: string;
  category?: string;
  expiresAt?: string;
}

/** Registers a patron through the librarians' API. */
export async function createPatron(t: TestApp, slug: string, librarian: string, p: PatronInput) {
  const res = await t
    .http()
    .post(`/api/t/${slug}/admin/patrons`)
    .set('Authorization', `Bearer ${librarian}`)
    .send({ name: '図書 花子', nameKana: 'トショ ハナコ', birthDate: '1971-04-16', ...p });
  if (res.status !== 201) throw new Error(`createPatron ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; cardNumber: string };
}

/** Issues a temporary password at the desk and returns it. */
export async function temporaryPassword(t: TestApp, slug: string, librarian: string, patronId: string): Promise<string> {
  const res = await t.http().post(`/api/t/${slug}/admin/patrons/${patronId}/temporary-password`).set('Authorization', `Bearer ${librarian}`).expect(200);
  return res.body.temporaryPassword;
}

export function patronLogin(t: TestApp, slug: string, cardNumber: string, password: string) {
  return t.http().post(`/api/t/${slug}/auth/login`).send({ cardNumber, password });
}
