import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commentMarker, upsertPrComment } from "../../src/github/pr-comment.js";

const API = "https://github.example.test/api/v3";
const target = { token: "ghs_secret", repository: "org/repo", pullRequest: 8, apiUrl: API };

interface Comment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}

const BOT = { login: "github-actions[bot]", type: "Bot" };
let comments: Comment[] = [];
const calls: string[] = [];
/** What GET /user answers: an installation token (GITHUB_TOKEN) gets 403. */
let viewer: { login: string; type: string } | undefined;
const server = setupServer(
  http.get(`${API}/user`, () =>
    viewer
      ? HttpResponse.json(viewer)
      : HttpResponse.json({ message: "Resource not accessible by integration" }, { status: 403 }),
  ),
  http.get(`${API}/repos/org/repo/issues/8/comments`, ({ request }) => {
    calls.push(`GET ${new URL(request.url).search}`);
    expect(request.headers.get("authorization")).toBe("token ghs_secret");
    return HttpResponse.json(comments);
  }),
  http.post(`${API}/repos/org/repo/issues/8/comments`, async ({ request }) => {
    const { body } = (await request.json()) as { body: string };
    const comment = {
      id: 100 + comments.length,
      body,
      html_url: `https://github.test/c/${100 + comments.length}`,
      user: viewer ?? BOT,
    };
    comments.push(comment);
    calls.push("POST");
    return HttpResponse.json(comment, { status: 201 });
  }),
  http.patch(`${API}/repos/org/repo/issues/comments/:id`, async ({ params, request }) => {
    const { body } = (await request.json()) as { body: string };
    const comment = comments.find((c) => c.id === Number(params.id));
    if (!comment) return HttpResponse.json({ message: "Not Found" }, { status: 404 });
    comment.body = body;
    calls.push(`PATCH ${params.id}`);
    return HttpResponse.json(comment);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  comments = [];
  calls.length = 0;
  viewer = undefined;
});
afterAll(() => server.close());

describe("upsertPrComment", () => {
  it("creates one comment, then updates it in place on later runs", async () => {
    comments.push({
      id: 1,
      body: "an unrelated review comment",
      html_url: "https://github.test/c/1",
      user: { login: "alice", type: "User" },
    });
    const marker = commentMarker(42);
    const first = await upsertPrComment(target, marker, "run 1 failed");
    expect(first.action).toBe("created");
    const second = await upsertPrComment(target, marker, "run 2 succeeded");
    expect(second).toEqual({ action: "updated", url: first.url });
    expect(calls).toEqual([
      "GET ?per_page=100&page=1",
      "POST",
      "GET ?per_page=100&page=1",
      `PATCH ${comments[1]?.id}`,
    ]);
    expect(comments).toHaveLength(2);
    expect(comments[1]?.body).toBe(`${marker}\nrun 2 succeeded`);
    expect(comments[0]?.body).toBe("an unrelated review comment");
  });

  it("keeps one comment per job", async () => {
    await upsertPrComment(target, commentMarker(1), "job 1");
    await upsertPrComment(target, commentMarker(2), "job 2");
    expect(comments.map((c) => c.body)).toEqual([`${commentMarker(1)}\njob 1`, `${commentMarker(2)}\njob 2`]);
  });

  it("never updates a comment with the marker written by someone else (GITHUB_TOKEN posts as github-actions[bot])", async () => {
    const marker = commentMarker(42);
    comments.push(
      {
        id: 1,
        body: `${marker}\nplanted by a PR author`,
        html_url: "u1",
        user: { login: "mallory", type: "User" },
      },
      {
        id: 2,
        body: `${marker}\nfrom another app`,
        html_url: "u2",
        user: { login: "other-app[bot]", type: "Bot" },
      },
      { id: 3, body: `quoting ${marker}`, html_url: "u3", user: BOT },
    );
    const result = await upsertPrComment(target, marker, "run 1");
    expect(result.action).toBe("created");
    expect(comments.slice(0, 3).map((c) => c.body)).toEqual([
      `${marker}\nplanted by a PR author`,
      `${marker}\nfrom another app`,
      `quoting ${marker}`,
    ]);
    const again = await upsertPrComment(target, marker, "run 2");
    expect(again).toEqual({ action: "updated", url: result.url });
    expect(comments[3]?.body).toBe(`${marker}\nrun 2`);
  });

  it("with a personal access token, updates only that user's comment", async () => {
    viewer = { login: "Alice", type: "User" };
    const marker = commentMarker(42);
    comments.push(
      { id: 1, body: `${marker}\nbot's`, html_url: "u1", user: BOT },
      { id: 2, body: `${marker}\nalice's`, html_url: "u2", user: { login: "alice", type: "User" } },
    );
    const result = await upsertPrComment(target, marker, "new");
    expect(result).toEqual({ action: "updated", url: "u2" });
    expect(comments.map((c) => c.body)).toEqual([`${marker}\nbot's`, `${marker}\nnew`]);
  });

  it("rejects a malformed repository before any request", async () => {
    await expect(upsertPrComment({ ...target, repository: "nope" }, "m", "b")).rejects.toThrow(/owner\/name/);
    expect(calls).toEqual([]);
  });
});
