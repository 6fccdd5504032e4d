/** An element's text as assistive technology gets it: without `aria-hidden` parts (icon ligatures), spaces collapsed. */
export function spokenText(el: Element | null | undefined): string {
  if (!el) return '';
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}
