import { Injectable, OnModuleInit } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { canonicalPassword, checkDigitFor, Policy } from '@shiori/policy';
import { hashPassword } from '../../engine/auth/passwords';
import { DemoService } from '../demo';
import { PolicyStore } from '../policy';

/** Demo patrons per city: card numbers valid under that city's card rules, passwords under its password rules. */
export interface DemoPatron {
  card: string;
  password: string;
  name: string;
  nameKana: string;
  birthDate: string;
  phone: string;
  email: string;
}

/** A card number of the right length, prefix and check digit for the policy. */
export function demoCard(policy: Policy, n: number): string {
  const c = policy.card;
  const len = Math.max(c.minLength, Math.min(c.maxLength, 8));
  const prefix = c.fixedPrefix ?? '';
  const bodyLen = len - prefix.length - (c.checkDigit === 'none' ? 0 : 1);
  const body = prefix + String(1000 + n).padStart(bodyLen, '0').slice(-bodyLen);
  return c.checkDigit === 'none' ? body : body + checkDigitFor(body, c.checkDigit);
}

/** A password every founding city accepts: digits-only cities get 6 digits, others letters + digits. */
export function demoPassword(policy: Policy): string {
  const p = policy.password;
  if (p.classes.length === 1 && p.classes[0] === 'digits') return '246810'.slice(0, Math.max(p.minLength, Math.min(6, p.maxLength))).padEnd(p.minLength, '1');
  const base = 'demo2468';
  return base.slice(0, Math.min(p.maxLength, Math.max(p.minLength, base.length)));
}

export const DEMO_PEOPLE = [
  { name: '図書 花子', nameKana: 'トショ ハナコ', birthDate: '1985-04-01', phone: '0120-000-001', email: 'hanako@example.jp' },
  { name: '本田 太郎', nameKana: 'ホンダ タロウ', birthDate: '1972-11-01', phone: '0120-000-002', email: 'taro@example.jp' },
  { name: '読書 さくら', nameKana: 'ドクショ サクラ', birthDate: '2010-06-01', phone: '0120-000-003', email: 'sakura@example.jp' },
];

@Injectable()
export class DemoPatronsSeeder implements OnModuleInit {
  /** Filled while seeding, read by the start-up banner. */
  readonly logins = new Map<string, DemoPatron>();

  constructor(private readonly demo: DemoService, private readonly policies: PolicyStore) {}

  onModuleInit(): void {
    this.demo.registerStep({
      name: 'patrons',
      run: async (city) => {
        const { policy } = await this.policies.current();
        const m = tenantManager();
        const password = demoPassword(policy);
        let created = 0;
        for (const [i, person] of DEMO_PEOPLE.entries()) {
          const card = demoCard(policy, i + 1);
          const res = await m.query(
            `INSERT INTO patrons (card_number, name, name_kana, birth_date, phone, email, category, expires_at, password_hash)
             VALUES ($1,$2,$3,$4,$5,$6,$7, CASE WHEN $8::int IS NULL THEN NULL ELSE current_date + make_interval(months => $8::int) END, $9)
             ON CONFLICT (card_number) DO NOTHING RETURNING id`,
            [card, person.name, person.nameKana, person.birthDate, person.phone, person.email, i === 2 ? 'child' : 'general', policy.cardValidity.months, await hashPassword(canonicalPassword(password, policy.password))],
          );
          created += res.length;
          if (i === 0) this.logins.set(city.slug, { card, password, ...person });
        }
        return created ? `${created} demo patrons` : undefined;
      },
    });
  }
}
