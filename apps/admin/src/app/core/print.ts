/**
 * Prints only the element with class `slip` (a trapped-hold slip): the global print styles
 * hide everything else while `body.print-slip` is set.
 */
export function printSlip(document: Document): void {
  const body = document.body;
  body.classList.add('print-slip');
  const done = () => body.classList.remove('print-slip');
  document.defaultView?.addEventListener('afterprint', done, { once: true });
  try {
    document.defaultView?.print();
  } finally {
    // print() blocks in most browsers; where it does not, afterprint cleans up
    setTimeout(done, 1000);
  }
}
