import type { Check } from "@dbt-cloud-kit/app-kit";
import { z } from "zod";

/** A zod transform over the raw input string; `fix` travels in the issue so messages can name it. */
export function inputField<T>(check: Check<T>) {
  return z.string().transform((value, ctx): T => {
    const result = check(value);
    if (result.ok) return result.value;
    for (const p of [result, ...(result.more ?? [])]) {
      ctx.addIssue({ code: "custom", message: p.problem, params: { fix: p.fix } });
    }
    return z.NEVER;
  });
}
