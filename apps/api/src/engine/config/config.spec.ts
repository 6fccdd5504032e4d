import { ConfigError, loadConfig } from './config';

const PUBLIC = { PUBLIC_URL: 'https://library.example.jp' };

describe('loadConfig', () => {

  it('uses the documented defaults', () => {
    const c = loadConfig(PUBLIC);
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('.data')).toBe(true);
    expect(c.demo).toBe(false);
  });

  it('reads every knob', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h/db',
      DATA_DIR: '/tmp/x',
      PLATFORM_ADMIN_PASSWORD: 'secret-pass',
      SMTP_URL: 'smtp://localhost:2525',
      DEMO: '1',
    });
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h/db', dataDir: '/tmp/x', demo: true, smtpUrl: 'smtp://localhost:2525' });
  });

  it('fails fast with a clear message per bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', PLATFORM_ADMIN_PASSWORD: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL: must be a postgres/);
    }
  });

  it('refuses a production configuration without PUBLIC_URL, naming the variable; demo mode and the CLI go without', () => {
    expect(() => loadConfig({})).toThrow(/PUBLIC_URL: must be set outside demo mode/);
    expect(loadConfig({ DEMO: '1', PORT: '3971' })).toMatchObject({ publicUrl: 'http://localhost:3971', publicUrlConfigured: false });
    expect(loadConfig({}, { servesLinks: false }).demo).toBe(false);
  });

  it('keeps PUBLIC_URL without its trailing slash and refuses what is not a plain http(s) URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://library.example.jp/' })).toMatchObject({ publicUrl: 'https://library.example.jp', publicUrlConfigured: true });
    expect(loadConfig({ PUBLIC_URL: 'https://example.jp/shiori/' }).publicUrl).toBe('https://example.jp/shiori');
    for (const bad of ['library.example.jp', 'ftp://example.jp', 'https://example.jp/?next=x', 'https://example.jp/#x', 'https://u:p@example.jp']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL: must be an http/);
    }
  });

  it('reads TRUST_PROXY as off, a number of proxy hops, or a list of proxy addresses — never "believe anyone"', () => {
    for (const off of ['', '0', 'false', 'off', 'no']) expect(loadConfig({ ...PUBLIC, TRUST_PROXY: off }).trustProxy).toBe(false);
    expect(loadConfig(PUBLIC).trustProxy).toBe(false);
    // 1 keeps its old meaning: one reverse proxy in front of the API
    expect(loadConfig({ ...PUBLIC, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...PUBLIC, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...PUBLIC, TRUST_PROXY: '10.0.0.5, 192.168.0.0/24,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.0.0/24',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['true', 'yes', 'on', '11', '10.0.0.300', '10.0.0.0/33', 'fd00::/129', 'proxy.example.jp', '10.0.0.1/8/8']) {
      expect(() => loadConfig({ ...PUBLIC, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: give the number of proxy hops/);
    }
  });
});

describe('SIP2 settings', () => {
  it('leaves SIP2 off unless SIP2_PORT is set, and reads its TLS files and idle timeout together', () => {
    expect(loadConfig(PUBLIC).sip2).toBeNull();
    expect(loadConfig({ ...PUBLIC, SIP2_PORT: '' }).sip2).toBeNull();
    expect(loadConfig({ ...PUBLIC, SIP2_PORT: '6001' }).sip2).toEqual({ port: 6001, host: '0.0.0.0', tls: null, idleSeconds: 300 });
    const tls = loadConfig({ ...PUBLIC, SIP2_PORT: '6001', SIP2_TLS_CERT: '/etc/sip/cert.pem', SIP2_TLS_KEY: '/etc/sip/key.pem', SIP2_IDLE_SECONDS: '60' }).sip2;
    expect(tls).toMatchObject({ tls: { certFile: '/etc/sip/cert.pem', keyFile: '/etc/sip/key.pem' }, idleSeconds: 60 });
    expect(() => loadConfig({ ...PUBLIC, SIP2_PORT: '6001', SIP2_TLS_CERT: '/etc/sip/cert.pem' })).toThrow(/SIP2_TLS_KEY: SIP2_TLS_CERT and SIP2_TLS_KEY go together/);
    expect(() => loadConfig({ ...PUBLIC, SIP2_PORT: 'sip' })).toThrow(/SIP2_PORT/);
  });
});

describe('DB_OUTAGE_EXIT_SECONDS (how long the API waits for a lost database before it exits)', () => {
  it('defaults to 60 s, takes 0 for "never", refuses what is not a whole number of seconds', () => {
    expect(loadConfig(PUBLIC).dbOutageExitSeconds).toBe(60);
    expect(loadConfig({ ...PUBLIC, DB_OUTAGE_EXIT_SECONDS: '' }).dbOutageExitSeconds).toBe(60);
    expect(loadConfig({ ...PUBLIC, DB_OUTAGE_EXIT_SECONDS: '0' }).dbOutageExitSeconds).toBe(0);
    expect(loadConfig({ ...PUBLIC, DB_OUTAGE_EXIT_SECONDS: '300' }).dbOutageExitSeconds).toBe(300);
    for (const bad of ['-1', '1.5', 'soon', '100000']) {
      expect(() => loadConfig({ ...PUBLIC, DB_OUTAGE_EXIT_SECONDS: bad })).toThrow(/DB_OUTAGE_EXIT_SECONDS/);
    }
  });
});
