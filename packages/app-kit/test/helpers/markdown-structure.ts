import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

/** GitHub-flavoured Markdown to HTML (CommonMark + GFM tables, autolinks, strikethrough, footnotes). */
export function renderHtml(markdown: string): string {
  return micromark(markdown, {
    // The job summary may hold the few tags GitHub allows (<code>, <br>, <details>); keep them visible.
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });
}

export { outlineOf, structureOf, textOf } from "../../src/testing/markdown-structure.js";
