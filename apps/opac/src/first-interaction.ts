/**
 * The app started on the patron's first interaction (issue #19), not on load.
 *
 * The server sends home, search results, record and 館の案内 pages with their content
 * (apps/api/src/modules/opac-pages): links and the search form work as plain navigation, and the
 * server draws the next page. The app (Angular: 1.4–2.3 s of script on a throttled phone) is
 * fetched and started only when the patron reaches for something interactive on the page: a
 * pointer or touch on a button or field, focus moved into the page, a key or input into the
 * search box. What the patron did meanwhile is carried over to the app's page once it has drawn
 * it: the typed text with its caret, the focus, and a click on a button (予約かごに入れる adds
 * the book, メニュー opens the menu).
 *
 * Server and app mark the elements they share with the same `data-replay` key (the search box
 * `q`, `add-to-cart`, `menu`, `language`); a link is matched by its address. This file has no
 * Angular in it: it is part of the few KB every page runs at load.
 */

/** The server's content is on the page, and nothing personal needs the app at once. */
export function canWaitForInteraction(doc: Document): boolean {
  if (!doc.querySelector('opac-root > [data-server-page]')) return false;
  // a signed-in patron (the API's readable hint cookie), an anonymous cart, the kiosk or English:
  // the server's page is the anonymous Japanese one, so the app draws the patron's own at once
  if (doc.cookie.split(';').some((c) => c.trim() === 'shiori_signed_in=1')) return false;
  try {
    const cart = JSON.parse(sessionStorage.getItem('shiori.opac.cart') ?? '[]');
    if (Array.isArray(cart) && cart.length) return false;
    if (sessionStorage.getItem('shiori.opac.kiosk') === '1') return false;
    const lang = localStorage.getItem('shiori.opac.lang');
    if (lang && lang !== 'ja') return false;
  } catch {
    // storage off: nothing kept in it either
  }
  return !/[?&]kiosk=/.test(location.search);
}

const INTERACTIVE = 'a[href], button, input, select, textarea, summary, label, [tabindex], [data-replay]';

/** A plain link or the search form's button: the browser goes to the server's next page by itself. */
function navigates(el: Element): boolean {
  return !el.hasAttribute('data-replay') && (el.matches('a[href]') || (el instanceof HTMLButtonElement && el.type === 'submit'));
}

/** What the patron did on the server's page before the app drew its own. */
interface Pending {
  /** the element that had the focus */
  focused: Element | null;
  /** a button pressed (pointer down on it), and whether its click came */
  pressed: Element | null;
  clicked: Element | null;
  released: boolean;
}

/**
 * Calls `start` once, on the first interaction with the server's page (or when `atOnce` resolves); `start` resolves when
 * the app has drawn its page (the server's elements are gone by then), and what the patron did
 * meanwhile is replayed on the app's elements.
 */
export function startOnFirstInteraction(doc: Document, start: () => Promise<void>, atOnce?: Promise<void>): void {
  const root = doc.querySelector('opac-root')!;
  const pending: Pending = { focused: null, pressed: null, clicked: null, released: false };
  let started = false;
  /** a link pressed: its focus is no reason to start the app, the browser is leaving for the next page */
  let leaving: Element | null = null;
  const server = (el: EventTarget | null): Element | null => (el instanceof Element && root.contains(el) ? el : null);

  const begin = () => {
    if (started) return;
    started = true;
    void start()
      .then(() => {
        stop();
        return replay(doc, pending);
      })
      .catch((err) => console.error(err));
  };

  const listeners: [string, (e: Event) => void][] = [
    [
      'pointerdown',
      (e) => {
        const el = server(e.target)?.closest(INTERACTIVE);
        if (!el) return;
        // a plain link navigates: the server draws the next page, no app needed for it
        if (navigates(el)) {
          leaving = el;
          return;
        }
        pending.pressed = el;
        pending.released = false;
        begin();
      },
    ],
    [
      'touchstart',
      (e) => {
        const el = server(e.target)?.closest(INTERACTIVE);
        if (el && !navigates(el)) begin();
      },
    ],
    ['pointerup', () => (pending.released = true)],
    [
      'click',
      (e) => {
        const el = server(e.target)?.closest('button[data-replay]');
        if (!el) return;
        // the server's buttons do nothing by themselves: the app's twin does it once drawn
        e.preventDefault();
        pending.clicked = el;
        begin();
      },
    ],
    [
      'focusin',
      (e) => {
        const el = server(e.target);
        if (!el || el === leaving) return;
        pending.focused = el;
        begin();
      },
    ],
    [
      'keydown',
      (e) => {
        if (server(e.target)?.closest(INTERACTIVE)) begin();
      },
    ],
    ['input', (e) => void (server(e.target) && begin())],
  ];
  const stop = () => listeners.forEach(([type, fn]) => doc.removeEventListener(type, fn, true));
  listeners.forEach(([type, fn]) => doc.addEventListener(type, fn, { capture: true, passive: type !== 'click' }));
  // a page that starts the app without waiting (a signed-in patron on a record page): what is
  // pressed on the server's page before the app has drawn its own is replayed all the same
  void atOnce?.then(begin);
  // focus already in the page (autofocus, or the browser restored it): start now
  if (server(doc.activeElement) && doc.activeElement !== doc.body) {
    pending.focused = doc.activeElement;
    begin();
  }
}

/** The app's element that stands where the server's `el` stood: the same `data-replay` key, or a link to the same address. */
function twin(doc: Document, el: Element): HTMLElement | null {
  const key = el.getAttribute('data-replay');
  const root = doc.querySelector('opac-root')!;
  const visible = (list: Iterable<Element>) => [...list].find((e) => e instanceof HTMLElement && e.getClientRects().length > 0) as HTMLElement | undefined;
  if (key) return visible(root.querySelectorAll(`[data-replay="${CSS.escape(key)}"]`)) ?? null;
  if (el instanceof HTMLAnchorElement) return visible([...root.querySelectorAll('a[href]')].filter((a) => (a as HTMLAnchorElement).href === el.href)) ?? null;
  return null;
}

/** Waits (a few seconds at most) for the app to draw the twin of a server element: a record page draws its buttons once its record has come. */
function whenDrawn(doc: Document, el: Element): Promise<HTMLElement | null> {
  if (!el.hasAttribute('data-replay') && !(el instanceof HTMLAnchorElement)) return Promise.resolve(null);
  const found = twin(doc, el);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const t = twin(doc, el);
      if (t) done(t);
    });
    const timer = setTimeout(() => done(null), 10_000);
    const done = (t: HTMLElement | null) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(t);
    };
    observer.observe(doc.body, { childList: true, subtree: true, attributes: true });
  });
}

function replay(doc: Document, pending: Pending): Promise<unknown> {
  return Promise.all([refocus(doc, pending.focused), reclick(doc, pending)]);
}

/** The focus (and a field's text and caret) where the patron left it on the server's page. */
async function refocus(doc: Document, focused: Element | null): Promise<void> {
  if (focused) {
    const target = await whenDrawn(doc, focused);
    // the patron may have moved on into the app's page meanwhile: leave their focus alone
    const lost = !doc.activeElement || doc.activeElement === doc.body;
    if (target && (focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement)) {
      const input = target as HTMLInputElement;
      if (focused.value !== input.value) {
        input.value = focused.value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      if (lost) input.focus();
      if (doc.activeElement === input) input.setSelectionRange(focused.selectionStart, focused.selectionEnd, focused.selectionDirection ?? undefined);
    } else if (target && lost) {
      target.focus();
    }
  }
}

/** A button the patron pressed on the server's page, pressed on the app's. */
async function reclick(doc: Document, pending: Pending): Promise<void> {
  const button = pending.clicked ?? (pending.pressed?.matches('button[data-replay]') ? pending.pressed : null);
  if (!button) return;
  const target = await whenDrawn(doc, button);
  if (!target) return;
  if (pending.clicked || pending.released) target.click();
  // still held down when the app drew its page: the click is the release
  else doc.addEventListener('pointerup', () => target.click(), { once: true, capture: true });
}
