import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "@dbt-cloud-kit/emulator";
import { repoRoot } from "./readme-blocks.js";

/** Where the page lives, and the command that rewrites it. */
export const EXAMPLE_PAGE = join(repoRoot, "docs", "job-summary-example.md");
export const REGENERATE = "node scripts/docs-examples.mjs";

/** Shown instead of the emulator's loopback address, which changes with every run. */
const SHOWN_ACCESS_URL = "https://ab123.us1.dbt.com";
const PR_NUMBER = 42;
const JOB_ID = 1004; // "Failing tests": two failing tests, one warning; what `pnpm demo -- --fail` runs

interface Rendered {
  summary: string;
  comment: string;
}

/** A GitHub REST API on loopback that keeps the comments the action writes. */
async function startFakeGithub(): Promise<{ url: string; comments: string[]; close(): Promise<void> }> {
  const comments: string[] = [];
  const send = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const user = { login: "github-actions[bot]", type: "Bot", id: 41898282 };
      if (req.method === "GET" && url.pathname === "/user") return send(res, 200, user);
      if (req.method === "GET" && url.pathname.endsWith(`/issues/${PR_NUMBER}/comments`))
        return send(res, 200, []);
      if (req.method === "POST" && url.pathname.endsWith(`/issues/${PR_NUMBER}/comments`)) {
        const { body } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { body: string };
        comments.push(body);
        return send(res, 201, {
          id: comments.length,
          body,
          user,
          html_url: `https://github.com/c/${comments.length}`,
        });
      }
      send(res, 404, { message: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    comments,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Runs the committed action bundle as a runner would, on a pull request with `ci: true` and `pr-comment:
 * true`, against the emulator's failing job, and returns the job summary and the PR comment it wrote.
 */
export async function renderFromActionBundle(): Promise<Rendered> {
  const emulator = await startEmulator({ clock: { mode: "real", speed: 600 } });
  const github = await startFakeGithub();
  const workspace = await mkdtemp(join(tmpdir(), "docs-job-summary-"));
  try {
    const files = {
      GITHUB_OUTPUT: join(workspace, "output.txt"),
      GITHUB_STATE: join(workspace, "state.txt"),
      GITHUB_STEP_SUMMARY: join(workspace, "summary.md"),
      GITHUB_EVENT_PATH: join(workspace, "event.json"),
    };
    for (const path of Object.values(files)) await writeFile(path, "");
    const headSha = "3f4e5d6c7b8a99887766554433221100ffeeddcc";
    await writeFile(
      files.GITHUB_EVENT_PATH,
      JSON.stringify({
        pull_request: {
          number: PR_NUMBER,
          html_url: `https://github.com/acme/analytics/pull/${PR_NUMBER}`,
          head: { sha: headSha, ref: "orders-amounts", repo: { full_name: "acme/analytics" } },
          base: { ref: "main", repo: { full_name: "acme/analytics" } },
        },
      }),
    );
    const inputs: Record<string, string> = {
      "api-token": emulator.token,
      "account-id": String(emulator.accountId),
      "access-url": emulator.url,
      "job-id": String(JOB_ID),
      ci: "true",
      "pr-comment": "true",
      "github-token": "ghs_docs-example-token",
      "poll-interval": "0.2",
    };
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      GITHUB_ACTIONS: "true",
      GITHUB_REPOSITORY: "acme/analytics",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_API_URL: github.url,
      GITHUB_RUN_ID: "4242",
      GITHUB_RUN_NUMBER: "42",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_WORKFLOW: "dbt Cloud CI",
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_SHA: headSha,
      GITHUB_REF_NAME: `${PR_NUMBER}/merge`,
      ...files,
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    const bundle = join(repoRoot, "apps", "action", "dist", "main.js");
    const stderr: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [bundle], {
        cwd: workspace,
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      child.stderr.on("data", (c: Buffer) => stderr.push(c.toString()));
      child.on("error", reject);
      child.on("close", resolve);
    });
    if (code !== 1)
      throw new Error(`the failing run should fail the step (exit 1), got ${code}: ${stderr.join("")}`);
    const summary = await readFile(files.GITHUB_STEP_SUMMARY, "utf8");
    const comment = github.comments[0];
    if (!summary.trim() || comment === undefined)
      throw new Error("the action wrote no job summary or no PR comment");
    const shown = (text: string) => text.split(emulator.url).join(SHOWN_ACCESS_URL).trim();
    return { summary: shown(summary), comment: shown(comment) };
  } finally {
    await emulator.close();
    await github.close();
    await rm(workspace, { recursive: true, force: true });
  }
}

/** The docs page: both renderings as GitHub shows them, then their Markdown source. */
export function examplePage({ summary, comment }: Rendered): string {
  const source = (text: string) => `\`\`\`\`markdown\n${text}\n\`\`\`\``;
  return `<!-- Generated by \`${REGENERATE}\`; do not edit. docs/test/job-summary-example.test.ts fails when it is stale. -->

# Job summary and pull request comment: an example

What the action writes for a failing dbt Cloud run: job ${JOB_ID} ("Failing tests") of the emulator's default
workspace, the scenario \`pnpm demo -- --fail\` runs, triggered on pull request #${PR_NUMBER} with \`ci: true\` and
\`pr-comment: true\`. The committed action bundle (\`apps/action/dist/main.js\`) ran against the emulator exactly
as a runner would start it; the emulator's loopback address is shown as \`${SHOWN_ACCESS_URL}\`.
Regenerate with \`${REGENERATE}\` after changing the summary renderer or rebuilding the bundle.

Below the first rule is the job summary as GitHub renders it on the workflow run page; below the second, the
pull request comment (the same report, one heading level down and five slowest models instead of ten; later
runs of the job on this pull request update this one comment). The Markdown source of both follows.

---

${summary}

---

${comment}

---

<details><summary>Markdown source of the job summary</summary>

${source(summary)}

</details>

<details><summary>Markdown source of the pull request comment</summary>

${source(comment)}

</details>
`;
}
