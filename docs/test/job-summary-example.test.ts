import { readFile, writeFile } from "node:fs/promises";
import { expect, it } from "vitest";
import {
  EXAMPLE_PAGE,
  examplePage,
  REGENERATE,
  renderFromActionBundle,
} from "./render-job-summary-example.js";

it("docs/job-summary-example.md is what the action bundle renders today", async () => {
  const page = examplePage(await renderFromActionBundle());
  if (process.env.DOCS_EXAMPLES_UPDATE === "1") {
    await writeFile(EXAMPLE_PAGE, page);
    return;
  }
  const committed = await readFile(EXAMPLE_PAGE, "utf8").catch(() => "");
  expect(committed, `docs/job-summary-example.md is stale: run \`${REGENERATE}\` and commit it`).toBe(page);
});
