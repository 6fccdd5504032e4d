import { spawn, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { JSDOM } from 'jsdom';
import type { TestApp } from './app';

const { DOMParser } = new JSDOM('').window;

/** Parses XML strictly (namespaces included); throws with the parser's message when it is not well-formed. */
export function parseXml(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}\n${xml.slice(0, 500)}`);
  return doc;
}

/** Elements of a namespace and local name, anywhere below `node`. */
export function all(node: Document | Element, ns: string, local: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(ns, local));
}

/** The text of the first such element, or undefined. */
export function first(node: Document | Element, ns: string, local: string): string | undefined {
  return all(node, ns, local)[0]?.textContent ?? undefined;
}

export const NS = {
  srw: 'http://www.loc.gov/zing/srw/',
  sru2: 'http://docs.oasis-open.org/ns/search-ws/sruResponse',
  diag: 'http://www.loc.gov/zing/srw/diagnostic/',
  diag2: 'http://docs.oasis-open.org/ns/search-ws/diagnostic',
  zr: 'http://explain.z3950.org/dtd/2.0/',
  marc: 'http://www.loc.gov/MARC21/slim',
  dc: 'http://purl.org/dc/elements/1.1/',
  srwDc: 'info:srw/schema/1/dc-schema',
  oaiDc: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
  dcndlSimple: 'http://ndl.go.jp/dcndl/dcndl_simple/',
  dcndl: 'http://ndl.go.jp/dcndl/terms/',
  dcterms: 'http://purl.org/dc/terms/',
  oai: 'http://www.openarchives.org/OAI/2.0/',
  opensearch: 'http://a9.com/-/spec/opensearch/1.1/',
  atom: 'http://www.w3.org/2005/Atom',
  availability: 'urn:shiori:availability:1',
};

/** MARC subfield values of a MARCXML record: `245$a` → ['吾輩は猫である']. */
export function marcValues(record: Element, tag: string, code: string): string[] {
  return all(record, NS.marc, 'datafield')
    .filter((f) => f.getAttribute('tag') === tag)
    .flatMap((f) => all(f, NS.marc, 'subfield').filter((s) => s.getAttribute('code') === code))
    .map((s) => s.textContent ?? '');
}

/**
 * An outside client this suite runs (yaz-client, yaz-marcdump, oai_pmh): it fails clearly
 * when the program is missing, naming the Debian package that brings it.
 */
export function requireProgram(program: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`${program} is not installed: apt-get install -y ${debianPackage} (.ci/run installs it when missing)`);
  }
}

/** Starts the test app's HTTP server on a free loopback port (for outside clients); returns its origin. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * Runs a program with `input` on stdin and resolves to its stdout; rejects with its stderr on a
 * non-zero exit. Asynchronous: the server it talks to runs in this same process.
 */
export function run(program: string, args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${program} ${args.join(' ')} exited with ${code ?? signal}:\n${err}\n${out.slice(-2000)}`));
    });
    child.stdin.end(input);
  });
}
