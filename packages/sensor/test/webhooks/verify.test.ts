import { describe, expect, it } from "vitest";
import {
  DbtCloudSensorConfigError,
  DbtCloudSensorError,
  DbtCloudWebhookBodyTooLargeError,
  DbtCloudWebhookError,
  DbtCloudWebhookPayloadError,
  DbtCloudWebhookSignatureError,
  verifyDbtCloudWebhook,
} from "../../src/index.js";
import { completedEvent, SECRET, sign, signed } from "./signing.js";

function failure(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

describe("verifyDbtCloudWebhook", () => {
  it("returns the typed event of a correctly signed delivery (dbt docs' completed example)", () => {
    const { rawBody, authorization } = signed(completedEvent());
    const event = verifyDbtCloudWebhook({ rawBody, authorization, secret: SECRET });
    expect(event).toEqual({
      eventType: "job.run.completed",
      eventId: "wev_2L6ZDoilyiWzKkSA59Gmc2d7FDD",
      accountId: 1,
      webhookId: "wsu_12345abcde",
      webhookName: "test",
      timestamp: "2023-01-31T19:29:35.789265936Z",
      runId: 12345,
      jobId: 123,
      environmentId: 1234,
      projectId: 167194,
      runStatusCode: 10,
      data: {
        runId: 12345,
        jobId: 123,
        jobName: "Daily Job (dbt build)",
        environmentId: 1234,
        environmentName: "Production",
        projectId: 167194,
        projectName: "Snowflake Github Demo",
        dbtVersion: "1.0.0",
        runStatus: "Success",
        runStatusCode: 10,
        runStatusMessage: undefined,
        runReason: "Kicked off from UI by test@test.com",
        runStartedAt: "2023-01-31T19:28:07Z",
        runFinishedAt: "2023-01-31T19:29:32Z",
        runErroredAt: undefined,
      },
    });
  });

  it("accepts the body as a string, a Buffer or a Uint8Array view, and an upper-case or padded header", () => {
    const text = JSON.stringify(completedEvent());
    const sig = sign(text);
    const bytes = new TextEncoder().encode(`xx${text}`).subarray(2);
    for (const rawBody of [text, Buffer.from(text), bytes]) {
      expect(verifyDbtCloudWebhook({ rawBody, authorization: sig, secret: SECRET }).runId).toBe(12345);
    }
    expect(
      verifyDbtCloudWebhook({ rawBody: text, authorization: ` ${sig.toUpperCase()} `, secret: SECRET }).runId,
    ).toBe(12345);
  });

  it("verifies with any of several secrets while rotating", () => {
    const { rawBody, authorization } = signed(completedEvent(), "the-new-secret");
    expect(
      verifyDbtCloudWebhook({ rawBody, authorization, secret: ["the-old-secret", "the-new-secret"] }).eventId,
    ).toBe("wev_2L6ZDoilyiWzKkSA59Gmc2d7FDD");
  });

  it.each([
    ["missing", undefined, "missing"],
    ["null", null, "missing"],
    ["empty", "  ", "missing"],
    ["garbage", "not-a-signature", "malformed"],
    ["too short", "abcdef", "malformed"],
    ["sha256= prefixed", `sha256=${"a".repeat(64)}`, "malformed"],
    ["wrong", "0".repeat(64), "mismatch"],
  ] as const)("refuses a %s signature (401)", (_label, authorization, reason) => {
    const { rawBody } = signed(completedEvent());
    const error = failure(() => verifyDbtCloudWebhook({ rawBody, authorization, secret: SECRET }));
    expect(error).toBeInstanceOf(DbtCloudWebhookSignatureError);
    expect(error).toBeInstanceOf(DbtCloudWebhookError);
    expect(error).toBeInstanceOf(DbtCloudSensorError);
    expect(error).toMatchObject({ reason, status: 401, name: "DbtCloudWebhookSignatureError" });
  });

  it("refuses a signature made with another secret, and never shows either secret", () => {
    const { rawBody, authorization } = signed(completedEvent(), "someone-elses-secret");
    const error = failure(() => verifyDbtCloudWebhook({ rawBody, authorization, secret: SECRET }));
    expect(error).toMatchObject({ reason: "mismatch" });
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toMatch(
      /someone-elses-secret|for-tests/,
    );
  });

  it("refuses a tampered body: one changed byte, an appended space, a re-serialised body", () => {
    const { rawBody, authorization } = signed(completedEvent());
    const flipped = Buffer.from(rawBody);
    flipped[flipped.indexOf("12345")] = "9".charCodeAt(0);
    const reserialised = JSON.stringify(JSON.parse(rawBody.toString()), null, 2);
    for (const body of [flipped, Buffer.concat([rawBody, Buffer.from(" ")]), reserialised]) {
      expect(
        failure(() => verifyDbtCloudWebhook({ rawBody: body, authorization, secret: SECRET })),
      ).toMatchObject({
        reason: "mismatch",
      });
    }
  });

  it("refuses a body above maxBodyBytes before hashing it (413)", () => {
    const { rawBody, authorization } = signed(completedEvent());
    const error = failure(() =>
      verifyDbtCloudWebhook({ rawBody, authorization, secret: SECRET, maxBodyBytes: rawBody.length - 1 }),
    );
    expect(error).toBeInstanceOf(DbtCloudWebhookBodyTooLargeError);
    expect(error).toMatchObject({ status: 413, limitBytes: rawBody.length - 1 });
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    expect(
      failure(() => verifyDbtCloudWebhook({ rawBody: big, authorization: sign(big), secret: SECRET })),
    ).toBeInstanceOf(DbtCloudWebhookBodyTooLargeError);
  });

  it("refuses signed bodies that are not known job events (400), naming the field", () => {
    const cases: Array<[unknown, string | undefined, string, RegExp]> = [
      [
        completedEvent({ eventType: "job.run.cancelled" }),
        "eventType",
        "unknown-event",
        /"job\.run\.cancelled" is not a dbt Cloud job event/,
      ],
      [
        { ...completedEvent(), eventType: undefined },
        "eventType",
        "unknown-event",
        /nothing is not a dbt Cloud job event/,
      ],
      [[1, 2], undefined, "invalid", /not a JSON object/],
      [{ ...completedEvent(), eventId: 7 }, "eventId", "invalid", /expected the event's id/],
      [
        { ...completedEvent(), accountId: "one" },
        "accountId",
        "invalid",
        /expected the account id as a positive integer/,
      ],
      [{ ...completedEvent(), data: "x" }, "data", "invalid", /expected the run's details/],
      [
        { ...completedEvent(), data: { ...completedEvent().data, runId: undefined } },
        "data.runId",
        "invalid",
        /is missing/,
      ],
      [
        { ...completedEvent(), data: { ...completedEvent().data, runId: "12a" } },
        "data.runId",
        "invalid",
        /got "12a"/,
      ],
      [
        { ...completedEvent(), data: { ...completedEvent().data, jobId: -4 } },
        "data.jobId",
        "invalid",
        /got -4/,
      ],
      [
        { ...completedEvent(), data: { ...completedEvent().data, environmentId: "prod" } },
        "data.environmentId",
        "invalid",
        /environment id/,
      ],
    ];
    for (const [value, field, reason, message] of cases) {
      const { rawBody, authorization } = signed(value);
      const error = failure(() => verifyDbtCloudWebhook({ rawBody, authorization, secret: SECRET }));
      expect(error, JSON.stringify(value)).toBeInstanceOf(DbtCloudWebhookPayloadError);
      expect(error).toMatchObject({ field, reason, status: 400 });
      expect(error.message).toMatch(message);
    }
  });

  it("refuses a signed body that is not UTF-8 JSON", () => {
    for (const body of [Buffer.from("{not json"), Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), Buffer.alloc(0)]) {
      const error = failure(() =>
        verifyDbtCloudWebhook({ rawBody: body, authorization: sign(body), secret: SECRET }),
      );
      expect(error).toMatchObject({ name: "DbtCloudWebhookPayloadError", reason: "not-json", status: 400 });
    }
  });

  it("checks the signature before reading the body: an unsigned unknown event is a signature error", () => {
    const error = failure(() =>
      verifyDbtCloudWebhook({ rawBody: "{not json", authorization: "0".repeat(64), secret: SECRET }),
    );
    expect(error).toBeInstanceOf(DbtCloudWebhookSignatureError);
  });

  it("is lenient on extra and future fields, numeric ids and missing informational fields", () => {
    const { rawBody, authorization } = signed({
      accountId: "1",
      eventId: "wev_x",
      eventType: "job.run.errored",
      somethingNew: { nested: true },
      __proto__: { polluted: true },
      data: {
        runId: 70000001,
        jobId: 1001,
        runStatusCode: "20",
        runErroredAt: "2026-01-01T00:00:00Z",
        extra: [1],
      },
    });
    const event = verifyDbtCloudWebhook({ rawBody, authorization, secret: SECRET });
    expect(event).toMatchObject({
      eventType: "job.run.errored",
      accountId: 1,
      runId: 70000001,
      jobId: 1001,
      environmentId: undefined,
      runStatusCode: 20,
      webhookId: undefined,
      data: { runErroredAt: "2026-01-01T00:00:00Z", jobName: undefined },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a missing secret or a body that is not bytes as a config error, before anything else", () => {
    const { rawBody, authorization } = signed(completedEvent());
    for (const secret of ["", [], [""], undefined as unknown as string]) {
      const error = failure(() => verifyDbtCloudWebhook({ rawBody, authorization, secret }));
      expect(error).toBeInstanceOf(DbtCloudSensorConfigError);
      expect(error).toMatchObject({ field: "secret" });
    }
    const error = failure(() =>
      verifyDbtCloudWebhook({
        rawBody: { parsed: true } as unknown as string,
        authorization,
        secret: SECRET,
      }),
    );
    expect(error).toMatchObject({ field: "rawBody" });
    expect(error.message).toMatch(/before any JSON middleware/);
  });
});
