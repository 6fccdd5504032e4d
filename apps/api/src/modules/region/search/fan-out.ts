import type { MissingCity, MissingCityReason } from '@shiori/contracts';
import type { DataSource } from 'typeorm';
import { runTenantRead } from '@shiori/tenancy';
import type { TenantRow } from '../../../engine/tenancy/tenant-registry.service';

/** Why a member city is not in a regional answer, and the city left out (the contract's). */
export type MissingReason = MissingCityReason;
export type { MissingCity };

const MESSAGES: Record<MissingReason, { ja: string; en: string }> = {
  suspended: { ja: 'この図書館のサービスは現在停止中のため、検索できませんでした。', en: 'This library’s service is suspended, so it was not searched.' },
  timeout: { ja: 'この図書館からの応答が時間内になかったため、結果に含まれていません。', en: 'This library did not answer in time, so it is not in the results.' },
  error: { ja: 'この図書館を検索できませんでした。しばらくしてからもう一度お試しください。', en: 'This library could not be searched. Please try again later.' },
};

export function missingCity(city: TenantRow, reason: MissingReason): MissingCity {
  return { city: city.slug, cityName: city.name, reason, message: MESSAGES[reason] };
}

/**
 * Runs `work` in every active member city at once, each in its own tenant context (one
 * statement of that city's schema, never SQL naming two schemas), and waits at most
 * `deadlineMs` for them. A suspended city is not asked; a city that fails or has not
 * answered by the deadline is named in `missing` and the others answer. A late statement
 * finishes on its own connection and its answer is dropped.
 */
export async function fanOut<T>(
  ds: DataSource,
  cities: TenantRow[],
  deadlineMs: number,
  work: (city: TenantRow) => Promise<T>,
): Promise<{ answers: { city: TenantRow; value: T }[]; missing: MissingCity[] }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  try {
    const outcomes = await Promise.all(
      cities.map(async (city) => {
        if (city.status !== 'active') return { city, reason: 'suspended' as const };
        const answer = runTenantRead(ds, { id: city.id, slug: city.slug, name: city.name }, () => work(city)).then(
          (value) => ({ city, value }),
          () => ({ city, reason: 'error' as const }),
        );
        const first = await Promise.race([answer, deadline]);
        return first === 'timeout' ? { city, reason: 'timeout' as const } : first;
      }),
    );
    const answers: { city: TenantRow; value: T }[] = [];
    const missing: MissingCity[] = [];
    for (const o of outcomes) {
      if ('reason' in o) missing.push(missingCity(o.city, o.reason));
      else answers.push(o);
    }
    return { answers, missing };
  } finally {
    clearTimeout(timer);
  }
}
