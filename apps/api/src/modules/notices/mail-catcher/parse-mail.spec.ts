import { parseMail } from './parse-mail';

describe('parseMail (demo mail catcher)', () => {
  it('decodes encoded-word headers and a base64 UTF-8 body', () => {
    const body = Buffer.from('図書 花子 様\r\n\r\nご予約の資料をご用意しました。\r\n', 'utf8').toString('base64');
    const raw = [
      'From: Shiori <no-reply@library.example.jp>',
      'To: hanako@example.jp',
      `Subject: =?UTF-8?B?${Buffer.from('【古賀市立図書館】予約資料を', 'utf8').toString('base64')}?=`,
      ` =?UTF-8?B?${Buffer.from('ご用意しました', 'utf8').toString('base64')}?=`,
      'Message-ID: <hold-ready:1@koga.shiori>',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      body,
    ].join('\r\n');
    const m = parseMail(Buffer.from(raw, 'utf8').toString('latin1'));
    expect(m).toMatchObject({ to: 'hanako@example.jp', subject: '【古賀市立図書館】予約資料をご用意しました', messageId: '<hold-ready:1@koga.shiori>' });
    expect(m.text).toBe('図書 花子 様\n\nご予約の資料をご用意しました。\n');
  });

  it('decodes quoted-printable and takes the text part of a multipart mail', () => {
    const qp = Buffer.from('返却期限', 'utf8').toString('hex').toUpperCase().replace(/(..)/g, '=$1');
    const raw = [
      'To: a@example.jp',
      'Subject: plain',
      'Content-Type: multipart/alternative; boundary="XX"',
      '',
      '--XX',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      `${qp}=\r\n: 6/10`,
      '--XX',
      'Content-Type: text/html',
      '',
      '<p>x</p>',
      '--XX--',
      '',
    ].join('\r\n');
    expect(parseMail(raw).text).toBe('返却期限: 6/10');
  });
});
