import { canWaitForInteraction, startOnFirstInteraction } from './first-interaction';
import { regionLocationFrom } from './app/region/region-location';

// The server sends home, results, record and 館の案内 pages with their content in the HTML
// (modules/opac-pages): for an anonymous visitor the app's code is fetched and started only on the
// first interaction with the page (first-interaction.ts), which it then replays; a page the
// server sends without content (マイページ, 予約かご, sign-in, the kiosk, the region's OPAC) starts
// the app at once. `<html data-app>` says where it is: `waiting` for an interaction, `starting`,
// `ready` once the app has drawn its page (tests wait for it).
const root = document.documentElement;

/** Ends the current task: evaluating the app's code and starting it are two tasks, not one long one. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

// `/opac/r/{code}/` is a region's search over its libraries (横断検索), with a shell of its
// own and no city; its code is a lazy chunk. Everything else is a city's OPAC.
async function start(): Promise<void> {
  root.dataset['app'] = 'starting';
  const platform = import('@angular/platform-browser');
  let app: { whenStable(): Promise<void> };
  if (regionLocationFrom(document.baseURI)) {
    const [{ bootstrapApplication }, { RegionApp }, { regionAppConfig }] = await Promise.all([
      platform,
      import('./app/region/region-app'),
      import('./app/region/region.config'),
    ]);
    await yieldToBrowser();
    app = await bootstrapApplication(RegionApp, regionAppConfig);
  } else {
    const [{ bootstrapApplication }, { App }, { appConfig }] = await Promise.all([platform, import('./app/app'), import('./app/app.config')]);
    await yieldToBrowser();
    app = await bootstrapApplication(App, appConfig);
  }
  // the first navigation and its data (a record page's record) are in: the app's page is drawn
  await app.whenStable();
  root.dataset['app'] = 'ready';
}

/** Resolves once the browser has painted what the page has (a hidden tab gets no frames: at once there). */
const painted = new Promise<void>((resolve) => {
  if (document.visibilityState === 'hidden') return resolve();
  requestAnimationFrame(() => setTimeout(resolve));
  document.addEventListener('visibilitychange', () => resolve(), { once: true });
});

if (canWaitForInteraction(document)) {
  root.dataset['app'] = 'waiting';
  startOnFirstInteraction(document, start);
} else if (document.querySelector('opac-root > .ssr-bar')) {
  // the server's page (館の案内, or any for a signed-in patron): started once painted, and a
  // press on the server's 予約かごに入れる or メニュー meanwhile is replayed on the app's page
  startOnFirstInteraction(document, start, painted);
} else {
  painted.then(start).catch((err) => console.error(err));
}

// The offline page (public/sw.js caches only that page): on HTTPS, or on this machine for the demo.
if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.hostname === 'localhost')) {
  addEventListener('load', () => void navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => undefined));
}
