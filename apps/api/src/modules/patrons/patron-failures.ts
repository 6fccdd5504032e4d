import { normalizeCardNumber, Policy } from '@shiori/policy';
import { FailureLedger } from '../../engine/auth/failure-ledger';

/** Failed sign-ins and online password registrations of the current city's cards (tenant table sign_in_failures). */
export const patronFailures = new FailureLedger('sign_in_failures');

/** The card as the city's rules read it, or what was typed (folded) when it is no card at all: counted either way. */
function cardKey(typed: string, policy: Policy): string {
  const card = normalizeCardNumber(typed, policy.card);
  return card.ok ? card.cardNumber : typed.normalize('NFKC').trim();
}

export const signInKey = (typed: string, policy: Policy) => `login:${cardKey(typed, policy)}`;
export const registrationKey = (typed: string, policy: Policy) => `register:${cardKey(typed, policy)}`;
