import Handlebars from 'handlebars';
import { checkTemplate } from './check-template';
import { DEFAULT_TEMPLATES, fieldsOf, NOTICE_KINDS, NOTICE_LANGS, sampleData } from './defaults';

describe('checkTemplate', () => {
  it('accepts every default template, and each renders its sample without leftovers', () => {
    for (const kind of NOTICE_KINDS) {
      for (const lang of NOTICE_LANGS) {
        const t = DEFAULT_TEMPLATES[kind][lang];
        expect({ kind, lang, problems: checkTemplate(t.subject, fieldsOf(kind)) }).toEqual({ kind, lang, problems: [] });
        expect({ kind, lang, problems: checkTemplate(t.body, fieldsOf(kind)) }).toEqual({ kind, lang, problems: [] });
        const body = Handlebars.compile(t.body, { noEscape: true })(sampleData(kind, '釧路市中央図書館'));
        expect(body).toContain('図書 花子');
        expect(body).toContain('釧路市中央図書館');
        expect(body).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('reports a block that is not closed with its line', () => {
    const [p] = checkTemplate('{{patron.name}} 様\n\n{{#each loans}}\n・{{title}}\n', fieldsOf('due-reminder'));
    expect(p).toMatchObject({ code: 'SYNTAX', line: 3, column: 1 });
    expect(p.message.ja).toBe('3行目: {{#each}} が閉じられていないブロックです（{{/each}} が足りません）。');
  });

  it('reports a mismatched block end with line and column', () => {
    const [p] = checkTemplate('a\n{{#each loans}}x\n{{/if}}', fieldsOf('due-reminder'));
    expect(p).toMatchObject({ code: 'SYNTAX', line: 2 });
    expect(p.reason).toMatch(/doesn't match/);
  });

  it('reports an unclosed mustache', () => {
    const [p] = checkTemplate('line one\nline two {{patron.name', fieldsOf('overdue'));
    expect(p).toMatchObject({ code: 'SYNTAX', line: 2 });
  });

  it('refuses unknown variables, also inside #each, and names what is available', () => {
    const problems = checkTemplate('{{patron.nmae}}\n{{#each loans}}{{titel}}{{dueDate}}{{../library}}{{@index}}{{/each}}\n{{lastDay}}', fieldsOf('due-reminder'));
    expect(problems.map((p) => [p.code, p.line, p.reason])).toEqual([
      ['UNKNOWN_VARIABLE', 1, 'unknown variable "patron.nmae"'],
      ['UNKNOWN_VARIABLE', 2, 'unknown variable "titel"'],
      ['UNKNOWN_VARIABLE', 3, 'unknown variable "lastDay"'],
    ]);
    expect(problems[1].message.ja).toContain('title');
  });

  it('refuses #each over a value, helpers and partials', () => {
    const fields = fieldsOf('hold-ready');
    expect(checkTemplate('{{#each title}}x{{/each}}', fields)[0].code).toBe('NOT_A_LIST');
    expect(checkTemplate('{{uppercase title}}', fields)[0].code).toBe('UNKNOWN_HELPER');
    expect(checkTemplate('{{#repeat title}}x{{/repeat}}', fields)[0].code).toBe('UNKNOWN_HELPER');
    expect(checkTemplate('{{> footer}}', fields)[0].code).toBe('UNSUPPORTED');
    expect(checkTemplate('{{@index}}', fields)[0].code).toBe('UNKNOWN_VARIABLE');
  });

  it('allows if/unless/with/else chains, @root and list length', () => {
    const fields = fieldsOf('new-arrivals');
    const src =
      '{{#with patron}}{{name}}{{/with}}{{alerts.length}}件\n{{#each alerts}}{{#if @first}}最初{{else if more}}{{more}}{{else}}-{{/if}}{{#unless more}}全件{{/unless}}' +
      '{{#each records}}{{title}}{{@root.library}}{{../name}}{{/each}}{{else}}なし{{/each}}';
    expect(checkTemplate(src, fields)).toEqual([]);
  });
});
