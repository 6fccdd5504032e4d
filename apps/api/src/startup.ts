import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from './engine/config/config';
import { listenUrl } from './engine/runtime';
import { DEMO_LIBRARIAN_PASSWORD, DemoService } from './modules/demo';
import { DEMO_AGREEMENT, DemoAgreementsSeeder } from './modules/agreements';
import { MailCatcher, MailSender } from './modules/notices';
import { DemoPatronsSeeder } from './modules/patrons';
import { DEMO_SIP_PASSWORD, demoSipLogin, Sip2Server } from './modules/selfcheck';

/**
 * What start-up adds beyond the HTTP app in demo mode: the demo cities, the mail catcher
 * (DEMO without SMTP_URL: mail goes to an in-process SMTP server and shows at `/mail/`), the
 * SIP2 server for self-check machines (when SIP2_PORT is set) and the lines of the start-up
 * banner that tell a newcomer where to click and how to sign in.
 */
export async function startOptionalServices(app: NestExpressApplication, config: AppConfig) {
  const infoLines: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  let cities: Awaited<ReturnType<DemoService['seed']>> = [];
  if (config.demo) {
    const started = Date.now();
    cities = await app.get(DemoService).seed((msg) => console.log(`  demo: ${msg}`));
    console.log(`  demo: seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (config.demo && !config.smtpUrl) {
    const catcher = app.get(MailCatcher);
    const { smtpUrl, port } = await catcher.start();
    app.get(MailSender).useSmtpUrl(smtpUrl);
    stops.push(() => catcher.stop());
    // the page's address is known once the app listens (PORT may be 0); the banner is printed after that
    app.getHttpServer().once('listening', () => {
      infoLines.push(`   Mail (demo)  ${listenUrl(app, config)}/mail/   メールはここに届きます (SMTP 127.0.0.1:${port}; 管理画面に広域管理者 admin でサインインしてから)`);
    });
  }
  let sip2Port: number | null = null;
  if (config.sip2) {
    const sip2 = app.get(Sip2Server);
    const { port, tls } = await sip2.start();
    sip2Port = port;
    stops.push(() => sip2.stop());
    infoLines.push(`   SIP2         ${tls ? 'TLS' : 'TCP'} localhost:${port}   自動貸出機 (self-check machines): login 93 with CN = machine, CO = password, CP = city`);
  }
  const patrons = app.get(DemoPatronsSeeder).logins;
  const demo = app.get(DemoService);
  const visitor = config.demo ? app.get(DemoAgreementsSeeder).visitor : null;
  if (visitor) {
    infoLines.push(
      `   広域利用     ${DEMO_AGREEMENT.a} ↔ ${DEMO_AGREEMENT.b} 相互利用 (mutual use): ${DEMO_AGREEMENT.b} patron ${visitor.homeCard} is registered at ${DEMO_AGREEMENT.a} as card ${visitor.hostCard}` +
        ` — lend to it at ${DEMO_AGREEMENT.a}'s desk; ${DEMO_AGREEMENT.b}'s My page shows 他市で借りている資料`,
    );
  }
  return {
    infoLines,
    tenantLines: (url: string) => [
      ...cities.flatMap((c) => [
        `   OPAC         ${url}/opac/${c.slug}/   ${c.name}`,
        `                librarian ${c.librarian} / ${DEMO_LIBRARIAN_PASSWORD}` +
          (patrons.get(c.slug) ? `   patron card ${patrons.get(c.slug)!.card} / ${patrons.get(c.slug)!.password}` : ''),
        ...(sip2Port !== null ? [`                self-check machine (SIP2) ${demoSipLogin(c.slug)} / ${DEMO_SIP_PASSWORD}   CP ${c.slug}`] : []),
      ]),
      ...(config.demo ? demo.bannerLines(url) : []),
    ],
    stop: async () => {
      for (const s of stops) await s();
    },
  };
}
