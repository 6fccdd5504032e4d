import type { AgreementExplanation, AgreementPreset } from '@shiori/policy';

// Regional IT's agreements between cities (広域利用, API module `agreements`,
// `/platform/agreements…`): the presets an agreement starts from and the explain tester's answer.
// The terms' own shape is libs/policy's `AgreementTerms` (its one schema).

/** `GET /platform/agreements/presets`: a preset agreement (its name, what it means, its terms). */
export type AgreementPresetView = AgreementPreset;

/** A city named in an agreement's answer. */
export interface AgreementCity {
  slug: string;
  name: string;
}

/**
 * `POST /platform/agreements/explain` (200, the tester): what the agreement between the two
 * cities (or a draft of its terms) decides in one situation at the host's desk, and why.
 */
export type AgreementExplainResult = AgreementExplanation & {
  /** The stored agreement explained, or null for draft terms or when the cities have none. */
  agreementId: string | null;
  homeCity: AgreementCity;
  hostCity: AgreementCity;
};
