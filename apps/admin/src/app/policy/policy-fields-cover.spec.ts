import { PolicySchema } from '@shiori/policy';
import { FIELDS, RULE_FIELDS, SECTIONS } from './policy-fields';

interface ZodDef {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
}
interface Schema {
  _zod: { def: ZodDef };
}
const WRAPPERS = ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'];

/** A zod schema's definition once optional / nullable / default wrappers are taken off. */
function bare(schema: Schema): ZodDef {
  let def = schema._zod.def;
  for (;;) {
    if (def.innerType && WRAPPERS.includes(def.type)) def = def.innerType._zod.def;
    else if (def.type === 'pipe' && def.in) def = def.in._zod.def;
    else return def;
  }
}

/** The dotted path of every value a city can set: object members are walked, anything else is one field. */
function leafPaths(schema: Schema, prefix = ''): string[] {
  const def = bare(schema);
  if (def.type !== 'object' || !def.shape) return [prefix];
  return Object.entries(def.shape).flatMap(([key, member]) => leafPaths(member, prefix ? `${prefix}.${key}` : key));
}

describe('the policy editor shows every field of the policy', () => {
  const policy = PolicySchema as unknown as Schema;
  const inSections = new Set(SECTIONS.flatMap((s) => s.groups.flatMap((g) => g.fields)));
  const leaves = leafPaths(policy);

  it('walks the whole schema (a broken walk would prove nothing)', () => {
    expect(leaves.length).toBeGreaterThan(80);
    expect(leaves).toEqual(expect.arrayContaining(['card.minLength', 'display.holdKindChoice', 'loans.rules']));
  });

  it('has a label and a place in a section for each field, so a new schema field cannot go unseen', () => {
    // the loan rules are edited in their own table (next test)
    const missing = leaves.filter((p) => p !== 'loans.rules' && (!FIELDS[p] || !inSections.has(p)));
    expect(missing).toEqual([]);
  });

  it('has a column for every field of a loan rule', () => {
    const rules = bare(bare(policy).shape!['loans']).shape!['rules'];
    const element = bare(rules).element;
    expect(element).toBeDefined();
    const ruleFields = leafPaths(element!);
    expect(ruleFields.length).toBeGreaterThan(3);
    expect(ruleFields.filter((f) => f !== 'id' && !RULE_FIELDS[f])).toEqual([]);
  });

  it('names no field the policy does not have', () => {
    const known = new Set(leaves);
    expect([...inSections].filter((p) => !known.has(p))).toEqual([]);
  });
});
