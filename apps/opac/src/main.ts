import { regionLocationFrom } from './app/region/region-location';

// The server sends each page with its content already in the HTML (modules/opac-pages: the
// city, the search form, a record and its copies). Let the browser paint that first, then fetch
// and start the app, which takes the page over: on a slow phone the patron reads the page while
// the app's code loads, instead of a blank screen while it runs. (A hidden tab gets no frames:
// there the app starts at once, or when the tab is hidden before its first frame.)
const painted = new Promise<void>((resolve) => {
  if (document.visibilityState === 'hidden') return resolve();
  // the frame's callbacks run before it is painted, a task queued from them after
  requestAnimationFrame(() => setTimeout(resolve));
  document.addEventListener('visibilitychange', () => resolve(), { once: true });
});

/** Ends the current task: evaluating the app's code and starting it are two tasks, not one long one. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

// `/opac/r/{code}/` is a region's search over its libraries (横断検索), with a shell of its
// own and no city; its code is a lazy chunk. Everything else is a city's OPAC.
void painted
  .then(async () => {
    const platform = import('@angular/platform-browser');
    if (regionLocationFrom(document.baseURI)) {
      const [{ bootstrapApplication }, { RegionApp }, { regionAppConfig }] = await Promise.all([
        platform,
        import('./app/region/region-app'),
        import('./app/region/region.config'),
      ]);
      await yieldToBrowser();
      await bootstrapApplication(RegionApp, regionAppConfig);
    } else {
      const [{ bootstrapApplication }, { App }, { appConfig }] = await Promise.all([platform, import('./app/app'), import('./app/app.config')]);
      await yieldToBrowser();
      await bootstrapApplication(App, appConfig);
    }
  })
  .catch((err) => console.error(err));

// The offline page (public/sw.js caches only that page): on HTTPS, or on this machine for the demo.
if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.hostname === 'localhost')) {
  addEventListener('load', () => void navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => undefined));
}
