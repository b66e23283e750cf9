import { describe, expect, it } from "vitest";
import { clientFor, emulator, raw, v2 } from "./helpers.js";

const ids = (res: { json: unknown }) => (res.json as { data: Array<{ id: number }> }).data.map((x) => x.id);

describe("list filters", () => {
  it("jobs by name, environment and project; include_related=most_recent_run", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    expect(ids(await raw(emu, `${v2(emu, "jobs/")}?name__icontains=BUILD`))).toEqual([1001, 1002]);
    expect(ids(await raw(emu, `${v2(emu, "jobs/")}?environment_id=102`))).toEqual([1003]);
    expect(ids(await raw(emu, `${v2(emu, "jobs/")}?project_id=99`))).toEqual([]);
    const run = await client.triggerJobRun(1001, { cause: "latest" });
    const jobs = await client
      .listJobs({ includeRelated: ["most_recent_run"], nameIcontains: "daily" })
      .toArray();
    expect((jobs[0] as { most_recent_run?: { id: number } }).most_recent_run?.id).toBe(run.id);
  });

  it("environments by name and type, projects by name, runs by pk__in and dbt_version__in", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const v3 = `/api/v3/accounts/${emu.accountId}`;
    expect(ids(await raw(emu, `${v3}/projects/11/environments/?name=CI`))).toEqual([102]);
    expect(ids(await raw(emu, `${v3}/projects/11/environments/?type=development`))).toEqual([103]);
    expect(ids(await raw(emu, `${v3}/projects/?name__icontains=shop`))).toEqual([11]);
    expect(ids(await raw(emu, `${v3}/projects/?name__icontains=nothing`))).toEqual([]);
    expect((await raw(emu, `${v3}/projects/12/environments/`)).status).toBe(404);
    const a = await client.triggerJobRun(1001, { cause: "a" });
    const b = await client.triggerJobRun(1004, { cause: "b", dbtVersionOverride: "1.8.0-latest" });
    expect(ids(await raw(emu, `${v2(emu, "runs/")}?pk__in=[${b.id}]`))).toEqual([b.id]);
    expect(ids(await raw(emu, `${v2(emu, "runs/")}?dbt_version__in=["1.8.0-latest"]`))).toEqual([b.id]);
    expect(ids(await raw(emu, `${v2(emu, "runs/")}?id__gt=${a.id}`))).toEqual([b.id]);
  });
});

describe("request bodies and faults", () => {
  it("accepts a form-encoded trigger body, as the spec allows", async () => {
    const emu = await emulator();
    const res = await fetch(`${emu.url}${v2(emu, "jobs/1001/run/")}`, {
      method: "POST",
      headers: { authorization: `Bearer ${emu.token}`, "content-type": "application/x-www-form-urlencoded" },
      body: "cause=form+post&git_branch=main",
    });
    expect(res.status).toBe(200);
    expect(emu.runs.list().map((r) => r.cause)).toEqual(["form post"]);
  });

  it("an empty-body fault, and removing a fault by id over the admin endpoint", async () => {
    const emu = await emulator();
    emu.faults.add({ operation: "getAccount", kind: "status", status: 502, body: "empty" });
    const empty = await raw(emu, v2(emu, ""));
    expect(empty.status).toBe(502);
    expect(empty.text).toBe("");
    const fault = emu.faults.add({ operation: "getAccount", kind: "status", status: 500, count: 5 });
    expect((await raw(emu, `/__emulator/faults/${fault.id}`, { method: "DELETE", token: null })).status).toBe(
      200,
    );
    expect((await raw(emu, v2(emu, ""))).status).toBe(200);
    expect((await raw(emu, `/__emulator/faults/${fault.id}`, { method: "DELETE", token: null })).status).toBe(
      404,
    );
  });

  it("records the cancellation in the run's audit", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const run = await client.triggerJobRun(1001, { cause: "audit" });
    await client.cancelRun(run.id);
    const res = await raw(emu, v2(emu, `runs/${run.id}/?include_related=audit`));
    expect((res.json as { data: { audit: unknown } }).data.audit).toMatchObject({
      trigger: { actor: { type: "service_token" } },
      cancellation: { actor: { type: "service_token" } },
    });
  });
});
