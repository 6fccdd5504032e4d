/**
 * The SIP2 messages this server reads and writes, as data: each message is a two-digit code,
 * fixed-length fields in a fixed order, then variable fields (`<2-letter id><value>|`).
 * Names follow the 3M SIP2 specification (version 2.00); field ids are listed in
 * `FIELD`. Koha's C4/SIP/Sip/Constants.pm and Evergreen's SIP server documentation use the
 * same layouts.
 */

/** What a fixed-length field may hold. */
export type FixedKind =
  /** Y or N */
  | 'YN'
  /** Y, N or U (unknown) */
  | 'YNU'
  /** 0 or 1 */
  | 'bit'
  /** YYYYMMDDZZZZHHMMSS */
  | 'date'
  /** a date, or 18 blanks (e.g. the "no block" due date of a checkout) */
  | 'date-or-blank'
  | 'digits'
  /** 10 characters, Y at the position of the list asked for (patron information) */
  | 'summary'
  /** x.xx */
  | 'version'
  /** 14 patron-status flags, Y or blank */
  | 'flags';

export interface FixedField {
  name: string;
  length: number;
  kind: FixedKind;
}

export interface MessageLayout {
  code: string;
  name: string;
  fixed: FixedField[];
  /** Variable fields without which the message cannot be acted on. */
  required?: string[];
}

const f = (name: string, length: number, kind: FixedKind): FixedField => ({ name, length, kind });
const date = (name: string) => f(name, 18, 'date');
/** The fixed fields of the checkout and renew answers (12, 30): ok, renewal ok, magnetic media, desensitize, date. */
const LOAN_ANSWER = [f('ok', 1, 'bit'), f('renewalOk', 1, 'YN'), f('magneticMedia', 1, 'YNU'), f('desensitize', 1, 'YNU'), date('transactionDate')];

/** Variable-field identifiers used here (SIP2 2.00, with 3M's 1.20 extensions CT/CV/CY/DA). */
export const FIELD = {
  patronId: 'AA',
  itemId: 'AB',
  terminalPassword: 'AC',
  patronPassword: 'AD',
  personalName: 'AE',
  screenMessage: 'AF',
  printLine: 'AG',
  dueDate: 'AH',
  titleId: 'AJ',
  libraryName: 'AM',
  terminalLocation: 'AN',
  institutionId: 'AO',
  currentLocation: 'AP',
  permanentLocation: 'AQ',
  holdItems: 'AS',
  overdueItems: 'AT',
  chargedItems: 'AU',
  fineItems: 'AV',
  sequence: 'AY',
  checksum: 'AZ',
  emailAddress: 'BE',
  owner: 'BG',
  currencyType: 'BH',
  cancel: 'BI',
  validPatron: 'BL',
  feeAcknowledged: 'BO',
  startItem: 'BP',
  endItem: 'BQ',
  supportedMessages: 'BX',
  holdItemsLimit: 'BZ',
  overdueItemsLimit: 'CA',
  chargedItemsLimit: 'CB',
  unavailableHoldItems: 'CD',
  holdQueueLength: 'CF',
  itemProperties: 'CH',
  mediaType: 'CK',
  holdPickupDate: 'CM',
  loginUserId: 'CN',
  loginPassword: 'CO',
  locationCode: 'CP',
  validPatronPassword: 'CQ',
  destinationLocation: 'CT',
  alertType: 'CV',
  holdPatronId: 'CY',
  holdPatronName: 'DA',
} as const;

/** Messages a self-check machine (SC) sends to the library system (ACS). */
export const REQUESTS: Record<string, MessageLayout> = {
  '93': { code: '93', name: 'Login', fixed: [f('uidAlgorithm', 1, 'digits'), f('pwdAlgorithm', 1, 'digits')], required: ['CN', 'CO'] },
  '99': { code: '99', name: 'SC Status', fixed: [f('statusCode', 1, 'digits'), f('maxPrintWidth', 3, 'digits'), f('protocolVersion', 4, 'version')] },
  '97': { code: '97', name: 'Request ACS Resend', fixed: [] },
  '23': { code: '23', name: 'Patron Status Request', fixed: [f('language', 3, 'digits'), date('transactionDate')], required: ['AA'] },
  '63': {
    code: '63',
    name: 'Patron Information',
    fixed: [f('language', 3, 'digits'), date('transactionDate'), f('summary', 10, 'summary')],
    required: ['AA'],
  },
  '11': {
    code: '11',
    name: 'Checkout',
    fixed: [f('scRenewalPolicy', 1, 'YN'), f('noBlock', 1, 'YN'), date('transactionDate'), f('nbDueDate', 18, 'date-or-blank')],
    required: ['AA', 'AB'],
  },
  '09': {
    code: '09',
    name: 'Checkin',
    fixed: [f('noBlock', 1, 'YN'), date('transactionDate'), date('returnDate')],
    required: ['AB'],
  },
  '29': {
    code: '29',
    name: 'Renew',
    fixed: [f('thirdPartyAllowed', 1, 'YN'), f('noBlock', 1, 'YN'), date('transactionDate'), f('nbDueDate', 18, 'date-or-blank')],
    required: ['AA'],
  },
  '17': { code: '17', name: 'Item Information', fixed: [date('transactionDate')], required: ['AB'] },
  '35': { code: '35', name: 'End Patron Session', fixed: [date('transactionDate')], required: ['AA'] },
};

/** Requests of SIP2 that this server does not serve (answered with 96, and off in BX). */
export const UNSUPPORTED_REQUESTS: Record<string, string> = {
  '01': 'Block Patron',
  '15': 'Hold',
  '19': 'Item Status Update',
  '25': 'Patron Enable',
  '37': 'Fee Paid',
  '65': 'Renew All',
};

/** Messages the library system (ACS) sends back. */
export const RESPONSES: Record<string, MessageLayout> = {
  '94': { code: '94', name: 'Login Response', fixed: [f('ok', 1, 'bit')] },
  '98': {
    code: '98',
    name: 'ACS Status',
    fixed: [
      f('onlineStatus', 1, 'YN'),
      f('checkinOk', 1, 'YN'),
      f('checkoutOk', 1, 'YN'),
      f('acsRenewalPolicy', 1, 'YN'),
      f('statusUpdateOk', 1, 'YN'),
      f('offlineOk', 1, 'YN'),
      f('timeoutPeriod', 3, 'digits'),
      f('retriesAllowed', 3, 'digits'),
      date('dateTimeSync'),
      f('protocolVersion', 4, 'version'),
    ],
  },
  '96': { code: '96', name: 'Request SC Resend', fixed: [] },
  '24': { code: '24', name: 'Patron Status Response', fixed: [f('patronStatus', 14, 'flags'), f('language', 3, 'digits'), date('transactionDate')] },
  '64': {
    code: '64',
    name: 'Patron Information Response',
    fixed: [
      f('patronStatus', 14, 'flags'),
      f('language', 3, 'digits'),
      date('transactionDate'),
      f('holdItemsCount', 4, 'digits'),
      f('overdueItemsCount', 4, 'digits'),
      f('chargedItemsCount', 4, 'digits'),
      f('fineItemsCount', 4, 'digits'),
      f('recallItemsCount', 4, 'digits'),
      f('unavailableHoldsCount', 4, 'digits'),
    ],
  },
  '12': { code: '12', name: 'Checkout Response', fixed: LOAN_ANSWER },
  '10': {
    code: '10',
    name: 'Checkin Response',
    fixed: [f('ok', 1, 'bit'), f('resensitize', 1, 'YN'), f('magneticMedia', 1, 'YNU'), f('alert', 1, 'YN'), date('transactionDate')],
  },
  '30': { code: '30', name: 'Renew Response', fixed: LOAN_ANSWER },
  '18': {
    code: '18',
    name: 'Item Information Response',
    fixed: [f('circulationStatus', 2, 'digits'), f('securityMarker', 2, 'digits'), f('feeType', 2, 'digits'), date('transactionDate')],
  },
  '36': { code: '36', name: 'End Session Response', fixed: [f('endSession', 1, 'YN'), date('transactionDate')] },
};

/**
 * The order of the 16 positions of the supported-messages field (BX) of the ACS status:
 * patron status, checkout, checkin, block patron, SC/ACS status, resend, login, patron
 * information, end patron session, fee paid, item information, item status update, patron
 * enable, hold, renew, renew all.
 */
export const SUPPORTED_MESSAGES_ORDER = ['23', '11', '09', '01', '99', '97', '93', '63', '35', '37', '17', '19', '25', '15', '29', '65'] as const;

/** The BX field for a set of request codes: Y where served, N elsewhere. */
export function supportedMessages(served: Iterable<string>): string {
  const set = new Set(served);
  return SUPPORTED_MESSAGES_ORDER.map((code) => (set.has(code) ? 'Y' : 'N')).join('');
}

/** SIP2 language codes this server answers in (000 = unknown, answered in Japanese). */
export const LANGUAGE = { unknown: '000', english: '001', japanese: '014' } as const;

/** Circulation status of the item information response. */
export const CIRCULATION_STATUS = {
  other: '01',
  available: '03',
  charged: '04',
  waitingOnHoldShelf: '08',
  inTransit: '10',
  missing: '13',
} as const;

/** Alert type (CV) of a checkin response: why the returned item must not go back to the shelf. */
export const ALERT_TYPE = { holdHere: '01', holdElsewhere: '02', other: '99' } as const;
