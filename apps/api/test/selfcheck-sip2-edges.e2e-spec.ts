import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { MachineLoginService } from '../src/modules/selfcheck/sip/machine-login.service';
import { adminToken, createTestApp, TestApp } from './support/app';
import { api, expectStatus, Library, seedPatron, seedRecord, setupLibrary } from './support/circulation-factories';
import { createMachine, Machine, startSip2 } from './support/selfcheck';
import { checksumOf, sipDate, SipTestClient } from './support/sip2-client';

/**
 * Self-check machines (SIP2): what a broken or hostile client gets (an error answer or a
 * closed connection, never a crash and never a change), the login rate limits, TLS, and raw
 * lines sent by Debian's socat, an outside client that knows nothing of our code.
 */

/** Debian's socat, which the tests drive as a real outside client; missing, the suite says how to get it. */
function socatOrFail(): string {
  const found = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('socat is not installed: the SIP2 tests drive it as an outside client. Install it with `apt-get install -y socat` (.ci/run does).');
  return found;
}

/**
 * Runs socat with `lines` on its standard input, each ended by `end` as typed, and returns what
 * it printed, cut at CR or LF. socat's `cr` option turns our LF into the CR that SIP2 ends a
 * message with (and the server's CR back into LF); without it the bytes pass as they are.
 */
function socat(address: string, lines: string[], end = '\n'): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // -t: after our input ends, wait for the server's answers and its end of the connection
    const child = spawn(socatOrFail(), ['-t', '20', '-', address], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`socat exited ${code}: ${err}`));
      resolve(Buffer.concat(out).toString('utf8').split(/\r\n|\r|\n/).filter(Boolean));
    });
    child.stdin.end(lines.map((l) => `${l}${end}`).join(''));
  });
}

describe('self-check machines (SIP2): bad input, rate limits, socat', () => {
  let t: TestApp;
  let port: number;
  let lib: Library;
  let machine: Machine;
  const clients: SipTestClient[] = [];
  const connect = async (opts: Parameters<typeof SipTestClient.connect>[1] = {}) => {
    const c = await SipTestClient.connect(port, opts);
    clients.push(c);
    return c;
  };
  const signedIn = async () => {
    const c = await connect();
    expect((await c.login(machine.login, machine.password, lib.slug)).raw).toMatch(/^941/);
    return c;
  };

  beforeAll(async () => {
    socatOrFail();
    t = await createTestApp({ SIP2_PORT: '0', SIP2_HOST: '0.0.0.0' });
    port = await startSip2(t);
    lib = await setupLibrary(t, await adminToken(t), 'katori');
    machine = await createMachine(lib);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('answers 96 to a malformed message, an unserved one and a wrong checksum, and changes nothing', async () => {
    const patron = await seedPatron(lib);
    const book = await seedRecord(lib, { copies: [{ branchCode: 'sawara' }] });
    const sc = await signedIn();
    const now = sipDate();
    // a checkout whose date is not a date, one without the item, an unserved fee payment, no code at all
    for (const bad of [`11NN2026121X    103000${' '.repeat(18)}AA${patron.cardNumber}|AB${book.barcodes[0]}|`, `11NN${now}${' '.repeat(18)}AA${patron.cardNumber}|`, `37${now}0101JPYBV100|AA${patron.cardNumber}|`, 'hello']) {
      expect((await sc.request(bad)).code).toBe('96');
    }
    // a good checkout with a wrong checksum: "send it again", with the checksum of 96 itself
    sc.send(`11NN${now}${' '.repeat(18)}AO|AA${patron.cardNumber}|AB${book.barcodes[0]}|AC|`, { corruptChecksum: true });
    expect((await sc.next())!.raw).toBe('96AZFEF6');
    expect((await sc.itemInformation(book.barcodes[0])).fixed.slice(0, 2)).toBe('03');
    expect(expectStatus(await api(lib).myLoans(patron.token), 200).body).toEqual([]);
    // the connection still works
    expect((await sc.checkout(patron.cardNumber, book.barcodes[0])).fixed[0]).toBe('1');
  });

  it('closes a connection whose first message is not a login, lending nothing', async () => {
    const patron = await seedPatron(lib);
    const book = await seedRecord(lib, { copies: [{ branchCode: 'sawara' }] });
    const sc = await connect();
    sc.send(`11NN${sipDate()}${' '.repeat(18)}AO|AA${patron.cardNumber}|AB${book.barcodes[0]}|AC|`);
    expect(await sc.next()).toBeNull();
    const status = await connect();
    status.send('9900802.00');
    expect(await status.next()).toBeNull();
    expect(expectStatus(await api(lib).myLoans(patron.token), 200).body).toEqual([]);
  });

  it('refuses an unknown city, and closes the connection after three failed logins', async () => {
    const sc = await connect();
    expect((await sc.login(machine.login, machine.password, 'no-such-city')).raw).toMatch(/^940/);
    expect((await sc.login(machine.login, machine.password, '')).raw).toMatch(/^940/);
    expect((await sc.login(machine.login, 'wrong-password', lib.slug)).raw).toMatch(/^940/);
    await sc.closed;
  });

  it('closes the connection on a 1 MB line and keeps serving everyone else', async () => {
    const sc = await signedIn();
    sc.write(Buffer.alloc(1024 * 1024, 0x41));
    await sc.closed;
    expect((await (await signedIn()).scStatus()).code).toBe('98');
  });

  it('limits failed logins per machine (its usual address still gets in) and per address', async () => {
    const m = await createMachine(lib);
    const from = (n: number) => ({ localAddress: `127.0.0.${n}` });
    const tryLogin = async (n: number, password: string, login = m.login) => (await (await connect(from(n))).login(login, password, lib.slug)).raw.slice(0, 3);

    expect(await tryLogin(3, m.password)).toBe('941'); // the machine's usual address
    // ten wrong passwords from another address (three per connection)
    for (let left = 10; left > 0; ) {
      const c = await connect(from(4));
      for (let i = 0; i < 3 && left > 0; i++, left--) expect((await c.login(m.login, `wrong-${left}`, lib.slug)).raw.slice(0, 3)).toBe('940');
    }
    expect(await tryLogin(5, m.password)).toBe('940'); // the right password, from a third address: locked for now
    expect(await tryLogin(3, m.password)).toBe('941'); // the machine itself is not locked out

    // twenty failures from one address shut that address out, whatever it tries next
    const other = await createMachine(lib);
    for (let left = 20; left > 0; ) {
      const c = await connect(from(6));
      for (let i = 0; i < 3 && left > 0; i++, left--) await c.login(`guess-${left}`, 'whatever-pw', lib.slug);
    }
    expect(await tryLogin(6, other.password, other.login)).toBe('940');
    expect(await tryLogin(7, other.password, other.login)).toBe('941');
  });

  it('serves raw lines from socat (ended by CRLF, error detection on and off): login, status, patron, a Japanese title lent and returned', async () => {
    const patron = await seedPatron(lib, { name: '宮沢 賢治' });
    const book = await seedRecord(lib, { title: '銀河鉄道の夜', copies: [{ branchCode: 'sawara' }] });
    const now = sipDate();
    const withChecksum = (m: string) => `${m}AY5AZ${checksumOf(Buffer.from(`${m}AY5AZ`, 'utf8'))}`;
    const out = await socat(`TCP:127.0.0.1:${port}`, [
      `9300CN${machine.login}|CO${machine.password}|CP${lib.slug}|`,
      '9900802.00',
      withChecksum(`23014${now}AO|AA${patron.cardNumber}|AC|`),
      `11NN${now}${' '.repeat(18)}AO${lib.slug}|AA${patron.cardNumber}|AB${book.barcodes[0]}|AC|`,
      `09N${now}${now}AP|AO${lib.slug}|AB${book.barcodes[0]}|AC|`,
      `35${now}AO${lib.slug}|AA${patron.cardNumber}|`,
    ], '\r\n');
    expect(out).toHaveLength(6);
    expect(out[0]).toBe('941');
    expect(out[1]).toMatch(/^98YYYYNN600003\d{8} {4}\d{6}2\.00AO/);
    expect(out[2]).toMatch(new RegExp(`^24 {14}014\\d{8} {4}\\d{6}AO${lib.slug}\\|AA${patron.cardNumber}\\|AE宮沢 賢治\\|BLY\\|AY5AZ[0-9A-F]{4}$`));
    expect(checksumOf(Buffer.from(out[2].slice(0, -4), 'utf8'))).toBe(out[2].slice(-4));
    expect(out[3]).toMatch(new RegExp(`^121NUY.{18}AO${lib.slug}\\|AA${patron.cardNumber}\\|AB${book.barcodes[0]}\\|AJ銀河鉄道の夜\\|AH\\d{8} {4}235959\\|`));
    expect(out[4]).toMatch(new RegExp(`^101YUN.{18}AO${lib.slug}\\|AB${book.barcodes[0]}\\|AQsawara\\|AJ銀河鉄道の夜\\|AA${patron.cardNumber}\\|`));
    expect(out[5]).toMatch(/^36Y/);
  });
});

describe('self-check machines (SIP2): a client that says nothing', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ SIP2_PORT: '0', SIP2_HOST: '127.0.0.1', SIP2_IDLE_SECONDS: '0.3' });
    port = await startSip2(t);
  });
  afterAll(() => t.close());

  it('is disconnected after the idle timeout (SIP2_IDLE_SECONDS), and the server goes on', async () => {
    const silent = await SipTestClient.connect(port);
    await silent.closed;
    const sc = await SipTestClient.connect(port);
    expect((await sc.login('nobody', 'nothing-at-all', 'nowhere')).raw).toMatch(/^940/);
    sc.close();
  });

  it('is not idle while it waits for an answer: a message answered after the idle timeout is answered, not cut off', async () => {
    // the login is held in the server (a slow database) until a connection opened after it
    // was sent has been closed as idle: the timeout has passed for the waiting one too
    const logins = t.app.get(MachineLoginService);
    const original = logins.login.bind(logins);
    let arrived!: () => void;
    const inServer = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const spy = jest.spyOn(logins, 'login').mockImplementation(async (...args) => {
      arrived();
      await held;
      return original(...args);
    });
    try {
      const waiting = await SipTestClient.connect(port);
      const answer = waiting.login('nobody', 'nothing-at-all', 'nowhere');
      await inServer;
      const silent = await SipTestClient.connect(port);
      await silent.closed;
      release();
      expect((await answer).raw).toMatch(/^940/);
      // and once answered, silence is idle again
      await waiting.closed;
    } finally {
      release();
      spy.mockRestore();
    }
  });
});

describe('self-check machines (SIP2) over TLS', () => {
  let t: TestApp;
  let port: number;
  let lib: Library;
  let machine: Machine;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiori-sip2-tls-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], {
      encoding: 'utf8',
    });
    if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr || made.error}`);
    t = await createTestApp({ SIP2_PORT: '0', SIP2_HOST: '127.0.0.1', SIP2_TLS_CERT: path.join(dir, 'cert.pem'), SIP2_TLS_KEY: path.join(dir, 'key.pem') });
    port = await startSip2(t);
    lib = await setupLibrary(t, await adminToken(t), 'kushiro');
    machine = await createMachine(lib);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('speaks SIP2 inside TLS (our client, and socat with messages ended by CR), and nothing in the clear', async () => {
    const sc = await SipTestClient.connect(port, { tls: true });
    expect((await sc.login(machine.login, machine.password, lib.slug)).raw).toMatch(/^941/);
    expect((await sc.scStatus()).get('AO')).toBe(lib.slug);
    sc.close();
    const out = await socat(`OPENSSL:127.0.0.1:${port},verify=0,cr`, [`9300CN${machine.login}|CO${machine.password}|CP${lib.slug}|`, '9900802.00']);
    expect(out[0]).toBe('941');
    expect(out[1]).toMatch(/^98YYYY/);
    // a plain-text client gets no SIP2 answer from the TLS port
    const plain = net.connect({ host: '127.0.0.1', port });
    const heard: Buffer[] = [];
    plain.on('data', (d) => heard.push(d));
    plain.on('error', () => undefined);
    plain.write(`9300CN${machine.login}|CO${machine.password}|CP${lib.slug}|\r`);
    await new Promise((r) => plain.on('close', r));
    expect(Buffer.concat(heard).toString('latin1')).not.toMatch(/94/);
  });
});
