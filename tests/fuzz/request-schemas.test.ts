// Fuzz layer 1 (issue 6 §3, with fast-check): the request schemas (lib/payscore modify and complete
// bodies, three modes each). Valid bodies pass unchanged; a valid body with one targeted defect
// (wrong type, NaN, 1e21, negative or fractional amounts, huge strings, NUL and lone surrogates,
// 101 lines, nested junk, unknown and prototype-pollution keys) is refused with an issue at that
// field; arbitrary junk never throws and is refused with field paths.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ruleIssuesFromZod } from "@/lib/payscore/issues";
import { BODIES, defectiveBodyArb, junkArb, shapeArb } from "./bodies";
import { clone, expectFieldErrors, expectNoPollution, isObjectLike, refusal } from "./paths";

/** Every generated input counts here; the last test checks the total. */
let generated = 0;

describe.each(BODIES)("[FUZZ] request schema $name", (spec) => {
  it("accepts every valid body, unchanged", () => {
    fc.assert(
      fc.property(shapeArb(spec.shape), (body) => {
        generated += 1;
        const parsed = spec.schema.safeParse(body);
        if (!parsed.success) throw new Error(`valid body refused: ${JSON.stringify(ruleIssuesFromZod(parsed.error.issues))}`);
        expect(parsed.data).toEqual(body);
      }),
      { numRuns: 150 },
    );
  });

  it("refuses a body with one defect, with an issue at that field", () => {
    fc.assert(
      fc.property(defectiveBodyArb(spec), ({ body, defect }) => {
        generated += 1;
        const damaged = clone(body);
        defect.apply(damaged);
        expectFieldErrors(refusal(spec.schema, damaged) ?? undefined, [defect.at]);
      }),
      { numRuns: 750 },
    );
    expectNoPollution();
  });

  it("never throws on junk; refuses it with field paths (or a root type error when it is not an object)", () => {
    fc.assert(
      fc.property(junkArb(spec), (junk) => {
        generated += 1;
        const issues = refusal(spec.schema, junk);
        expect(issues).not.toBeNull();
        expect(issues?.length ?? 0).toBeGreaterThan(0);
        for (const issue of issues ?? []) {
          if (isObjectLike(junk)) expect(issue.path.length).toBeGreaterThan(0);
          else expect(issue).toMatchObject({ path: [], code: expect.stringMatching(/^(invalid_type|required)$/) });
        }
      }),
      { numRuns: 300 },
    );
    expectNoPollution();
  });
});

describe("[FUZZ] totals", () => {
  it("ran at least 7 200 generated inputs, left Object.prototype alone", () => {
    expect(generated).toBeGreaterThanOrEqual(7200);
    expectNoPollution();
  });
});
