import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @actions/github's Context class on its own (lib/context.js, which its exports map does not list): the
 * action reads the workflow context at start without loading Octokit, which it loads only to comment.
 */
export const githubContextModule = join(
  dirname(fileURLToPath(import.meta.resolve("@actions/github"))),
  "context.js",
);
