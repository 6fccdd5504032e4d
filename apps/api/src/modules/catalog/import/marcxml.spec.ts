import { MarcControlField, MarcDataField } from './marc-record';
import { readMarcXmlAll } from './marcxml';

const rec = (title: string, extra = '') => `
  <marc:record>
    <marc:leader>00000nam a2200000 i 4500</marc:leader>
    <marc:controlfield tag="001">${title.length}</marc:controlfield>
    <marc:datafield tag="245" ind1="1" ind2="0"><marc:subfield code="a">${title}</marc:subfield>${extra}</marc:datafield>
  </marc:record>`;

const collection = (...records: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!-- export -->\n<marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">${records.join('')}\n</marc:collection>\n`;

const titleOf = (r: ReturnType<typeof readMarcXmlAll>[number]) =>
  (r.record?.fields.find((f) => f.tag === '245') as MarcDataField | undefined)?.subfields[0].value;

describe('readMarcXml', () => {
  it('reads a collection with namespace prefixes, entities and CDATA', () => {
    const out = readMarcXmlAll(
      collection(rec('吾輩は猫である'), rec('Tom &amp; Jerry &#x3042;&#12354; &lt;x&gt;'), rec('<![CDATA[a <b> & c]]>')),
    );
    expect(out.map(titleOf)).toEqual(['吾輩は猫である', 'Tom & Jerry ああ <x>', 'a <b> & c']);
    expect((out[0].record!.fields[0] as MarcControlField).value).toBe('7');
    expect(out[0].record!.warnings).toEqual([]);
  });

  it('reads a single <record> document without prefix', () => {
    const out = readMarcXmlAll(
      '<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 i 4500</leader>' +
        '<datafield tag="245" ind1="0" ind2="0"><subfield code="a">銀河鉄道の夜</subfield></datafield></record>',
    );
    expect(out.map(titleOf)).toEqual(['銀河鉄道の夜']);
  });

  it('fails only the malformed record and resumes at the next <record>', () => {
    const out = readMarcXmlAll(
      collection(rec('one'), rec('two', '<marc:subfield code="b">x</marc:datafield>'), rec('three &nbsp;'), rec('four')),
    );
    expect(out.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(titleOf(out[0])).toBe('one');
    expect(out[1].error).toMatch(/^malformed XML at line \d+: end tag <\/datafield> does not match <subfield>$/);
    expect(out[2].error).toMatch(/undefined entity &nbsp;/);
    expect(titleOf(out[3])).toBe('four');
  });

  it('reports a document cut inside a record', () => {
    const xml = collection(rec('one'), rec('two'));
    const out = readMarcXmlAll(xml.slice(0, xml.lastIndexOf('<marc:subfield')));
    expect(titleOf(out[0])).toBe('one');
    expect(out[1].error).toMatch(/truncated XML|malformed XML/);
  });

  it('decodes the encoding declared in the XML declaration', () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><record><leader>00000nam a2200000 i 4500</leader>' +
      '<datafield tag="245" ind1="0" ind2="0"><subfield code="a">R\xf6mbke</subfield></datafield></record>';
    expect(readMarcXmlAll(Buffer.from(xml, 'latin1')).map(titleOf)).toEqual(['Römbke']);
  });
});
