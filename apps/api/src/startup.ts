import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from './engine/config/config';
import { DEMO_LIBRARIAN_PASSWORD } from './modules/demo/demo-cities';
import { DemoService } from './modules/demo/demo.service';

/**
 * What start-up adds beyond the HTTP app in demo mode: the demo cities and the lines of the
 * start-up banner that tell a newcomer where to click and how to sign in.
 */
export async function startOptionalServices(app: NestExpressApplication, config: AppConfig) {
  const infoLines: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  let cities: Awaited<ReturnType<DemoService['seed']>> = [];
  if (config.demo) {
    cities = await app.get(DemoService).seed();
  }
  return {
    infoLines,
    tenantLines: (url: string) =>
      cities.flatMap((c) => [
        `   OPAC         ${url}/opac/${c.slug}/   ${c.name}`,
        `                librarian ${c.librarian} / ${DEMO_LIBRARIAN_PASSWORD}`,
      ]),
    stop: async () => {
      for (const s of stops) await s();
    },
  };
}
