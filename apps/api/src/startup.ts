import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from './engine/config/config';
import { listenUrl } from './engine/runtime';
import { DEMO_LIBRARIAN_PASSWORD } from './modules/demo/demo-cities';
import { DemoService } from './modules/demo/demo.service';
import { MailCatcher } from './modules/notifications/mail-catcher/mail-catcher.service';
import { MailSender } from './modules/notifications/mail-sender.service';
import { DemoPatronsSeeder } from './modules/patrons/demo-patrons';

/**
 * What start-up adds beyond the HTTP app in demo mode: the demo cities, the mail catcher
 * (DEMO without SMTP_URL: mail goes to an in-process SMTP server and shows at `/mail/`) and
 * the lines of the start-up banner that tell a newcomer where to click and how to sign in.
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
      infoLines.push(`   Mail (demo)  ${listenUrl(app, config)}/mail/   メールはここに届きます (SMTP 127.0.0.1:${port})`);
    });
  }
  const patrons = app.get(DemoPatronsSeeder).logins;
  return {
    infoLines,
    tenantLines: (url: string) =>
      cities.flatMap((c) => [
        `   OPAC         ${url}/opac/${c.slug}/   ${c.name}`,
        `                librarian ${c.librarian} / ${DEMO_LIBRARIAN_PASSWORD}` +
          (patrons.get(c.slug) ? `   patron card ${patrons.get(c.slug)!.card} / ${patrons.get(c.slug)!.password}` : ''),
      ]),
    stop: async () => {
      for (const s of stops) await s();
    },
  };
}
