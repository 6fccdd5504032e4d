import { decodeText, encodeText } from './charsets';
import { field, fieldValues, formatMessage, parseMessage, SipMessage } from './codec';
import { RESPONSES, supportedMessages } from './layouts';

const ok = (text: string, layouts = undefined as typeof RESPONSES | undefined) => {
  const r = parseMessage(text, layouts);
  if (!r.ok) throw new Error(r.detail);
  return r.message;
};

/**
 * Recorded exchanges: requests and answers as Evergreen's SIP server documentation
 * (docs/modules/admin/pages/sip_server.adoc) and Koha's SIP tests (C4/SIP/t/*.t) show them.
 */
describe('SIP2 messages: parse and format', () => {
  it('reads the login of Evergreen’s telnet walk-through: 9300CN…|CO…|CP…|', () => {
    const m = ok('9300CNsip_01|COsip_01|CPBR1|');
    expect(m.fixed).toEqual({ uidAlgorithm: '0', pwdAlgorithm: '0' });
    expect([field(m, 'CN'), field(m, 'CO'), field(m, 'CP')]).toEqual(['sip_01', 'sip_01', 'BR1']);
    expect(ok('941', RESPONSES).fixed.ok).toBe('1');
  });

  it('reads SC status and Evergreen’s ACS status answer with its supported-messages field', () => {
    expect(ok('9910302.00').fixed).toEqual({ statusCode: '1', maxPrintWidth: '030', protocolVersion: '2.00' });
    const acs = '98YYYYNN60000320100510    1717202.00AOCONS|BXYYYYYYYYYNYNNNYN|';
    const m = ok(acs, RESPONSES);
    expect(m.fixed).toMatchObject({ onlineStatus: 'Y', checkinOk: 'Y', checkoutOk: 'Y', timeoutPeriod: '600', retriesAllowed: '003', protocolVersion: '2.00' });
    expect(field(m, 'BX')).toBe('YYYYYYYYYNYNNNYN');
    // formatting the parsed message gives the recorded bytes back
    expect(formatMessage(m)).toBe(acs);
  });

  it('reads patron status and patron information requests and answers (Evergreen)', () => {
    const req = ok('2300120080623    172148AOUWOLS|AA999999|ACsip_01|ADuserpassword|');
    expect(req.fixed).toEqual({ language: '001', transactionDate: '20080623    172148' });
    expect(field(req, 'AD')).toBe('userpassword');
    const answer = '24  Y           00120100507    022318AEDoug Fiander|AA999999|BLY|CQN|BHUSD|BV0.00|AFOK|AOCONS|';
    const a = ok(answer, RESPONSES);
    expect(a.fixed.patronStatus).toBe('  Y           ');
    expect([field(a, 'AE'), field(a, 'BL'), field(a, 'CQ')]).toEqual(['Doug Fiander', 'Y', 'N']);
    expect(formatMessage(a)).toBe(answer);

    const info = ok('6300020060329    201700          AOBR1|AAbad_barcode|');
    expect(info.fixed.summary).toBe('          ');
    const infoAnswer = ok('64YYYY          00020100623    141130000000000000000000000000AE|AAbad_barcode|BLN|AOBR1|', RESPONSES);
    expect(infoAnswer.fixed).toMatchObject({ holdItemsCount: '0000', chargedItemsCount: '0000', unavailableHoldsCount: '0000' });
  });

  it('reads a checkout with a blank no-block due date (Koha) and a checkin with Evergreen’s hold alert', () => {
    const checkout = ok('11YN20060329    203000                  AOinst|AA1234567|ABitem1|AC|');
    expect(checkout.fixed).toMatchObject({ scRenewalPolicy: 'Y', noBlock: 'N', nbDueDate: ' '.repeat(18) });
    expect(field(checkout, 'AC')).toBe('');

    const checkin = ok('09N20100507    16593720100507    165937APCheckin Bin 5|AOBR1|AB1565921879|ACsip_01|');
    expect(checkin.fixed).toEqual({ noBlock: 'N', transactionDate: '20100507    165937', returnDate: '20100507    165937' });
    expect(field(checkin, 'AP')).toBe('Checkin Bin 5');

    const alert = '101YNY20100623    165731AOBR1|AB1565921879|AQBR1|AJPerl 5 desktop reference|CK001|CSQA76.73.P33V76 1996|CTBR3|CY373827|DANicholas Richard Woodard|CV02|';
    const a = ok(alert, RESPONSES);
    expect(a.fixed).toMatchObject({ ok: '1', resensitize: 'Y', magneticMedia: 'N', alert: 'Y' });
    expect([field(a, 'CT'), field(a, 'CV'), field(a, 'CY')]).toEqual(['BR3', '02', '373827']);
    expect(formatMessage(a)).toBe(alert);
  });

  it('reads item information and end session (Evergreen)', () => {
    expect(field(ok('1720060110    215612AOBR1|AB1565921879|'), 'AB')).toBe('1565921879');
    const item = ok('1810020120100623    171415AB1565921879|AJPerl 5 desktop reference|CK001|AQBR1|APBR1|BGBR1|CTBR3|CSQA76.73.P33V76 1996|', RESPONSES);
    expect(item.fixed).toMatchObject({ circulationStatus: '10', securityMarker: '02', feeType: '01' });
    expect(field(ok('3520100505    115901AOBR1|AA999999|'), 'AA')).toBe('999999');
    expect(fieldValues(ok('36Y20100507    161213AOCONS|AA999999|AFThank you!|', RESPONSES), 'AF')).toEqual(['Thank you!']);
  });

  it('names what is wrong: no code, an unserved message, a bad fixed field, a missing field, a field without an id', () => {
    expect(parseMessage('hello')).toMatchObject({ ok: false, failure: 'MALFORMED' });
    expect(parseMessage('42')).toMatchObject({ ok: false, failure: 'MALFORMED', code: '42' });
    expect(parseMessage('3720261214    10300001USD')).toMatchObject({ ok: false, failure: 'UNSUPPORTED', code: '37' });
    expect(parseMessage('11YN2026121X    103000                  AA1|AB2|')).toMatchObject({ ok: false, failure: 'INVALID', code: '11' });
    expect(parseMessage('11YN20261214    103000                  AA1|')).toMatchObject({ ok: false, failure: 'INVALID', detail: expect.stringContaining('AB') });
    expect(parseMessage('11')).toMatchObject({ ok: false, failure: 'INVALID' });
    expect(parseMessage('1720261214    103000AB1|x|')).toMatchObject({ ok: false, failure: 'INVALID' });
    expect(parseMessage('99X0302.00')).toMatchObject({ ok: false, failure: 'INVALID' });
  });

  it('formats an answer with Japanese text, the delimiter in a value made a blank, and refuses a wrong fixed field', () => {
    const msg: SipMessage = {
      code: '12',
      fixed: { ok: '1', renewalOk: 'N', magneticMedia: 'U', desensitize: 'Y', transactionDate: '20261214    103000' },
      fields: [
        ['AA', '0001001'],
        ['AJ', '吾輩は猫である | 上'],
        ['AF', '貸出しました。'],
      ],
    };
    expect(formatMessage(msg)).toBe('121NUY20261214    103000AA0001001|AJ吾輩は猫である   上|AF貸出しました。|');
    expect(() => formatMessage({ ...msg, fixed: { ...msg.fixed, ok: 'Y' } })).toThrow(/ok/);
  });

  it('lists the supported messages in the specification’s 16 positions', () => {
    expect(supportedMessages(['23', '11', '09', '99', '97', '93', '63', '35', '17', '29'])).toBe('YYYNYYYYYNYNNNYN');
    expect(supportedMessages(['99', '97', '93', '09', '17'])).toBe('NNYNYYYNNNYNNNNN');
  });

  it('keeps fields whole in Shift_JIS (Windows-31J), where a kanji’s second byte can be the delimiter’s', () => {
    const bytes = encodeText('1803010120261214    103000AB1|AJポケット図鑑|', 'windows-31j');
    // ポ is 0x83 0x7C in Shift_JIS: 0x7C is "|"
    expect(bytes.includes(0x7c)).toBe(true);
    const m = ok(decodeText(bytes, 'windows-31j'), RESPONSES);
    expect(field(m, 'AJ')).toBe('ポケット図鑑');
    expect(decodeText(encodeText('髙橋①', 'windows-31j'), 'windows-31j')).toBe('髙橋①');
    expect(decodeText(encodeText('吾輩', 'ibm850'), 'ibm850')).toBe('??');
  });
});
