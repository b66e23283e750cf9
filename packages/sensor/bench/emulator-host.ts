// The bench's emulator, in a child process of its own: its request handling and artifact rendering
// then never show in the sensor's heap or compete with it on the event loop's thread.
import { type ChildProcess, fork } from "node:child_process";
import { type Emulator, startEmulator } from "@dbt-cloud-kit/emulator";
import { trigger, workspaceConfig, workspaceFor } from "../test/support/emulator-fixture.js";

export const HOST_ROLE = "emulator-host";

export interface PreparedEmulator {
  url: string;
  token: string;
  accountId: number;
  /** The emulator's virtual time once the runs have finished (it stays there). */
  now: number;
}

type Request = { type: "prepare"; runs: number; jobs: number; latencyMs: number } | { type: "close" };

/** Child side: one emulator per `prepare`, `runs` finished runs spread over `jobs` jobs. */
export async function serveEmulatorHost(): Promise<void> {
  let emu: Emulator | undefined;
  process.on("message", async (message: Request) => {
    if (message.type === "close") {
      await emu?.close();
      process.exit(0);
    }
    const jobs = Array.from({ length: message.jobs }, (_, i) => ({ id: 5001 + i, name: `Bench job ${i}` }));
    emu = await startEmulator(workspaceConfig(jobs));
    const ws = workspaceFor(emu);
    for (let i = 0; i < message.runs; i++) await trigger(ws, 5001 + (i % message.jobs));
    emu.clock.advanceSeconds(Math.ceil(message.runs / message.jobs) * 15 + 600);
    emu.faults.add({
      operation: "*",
      kind: "delay",
      delayMs: message.latencyMs,
      count: 10_000_000,
      when: "after",
    });
    const ready: PreparedEmulator = {
      url: emu.url,
      token: emu.token,
      accountId: emu.accountId,
      now: emu.clock.now(),
    };
    process.send?.(ready);
  });
}

/** Parent side: forks this bundle in the host role and waits for its prepared emulator. */
export async function startEmulatorHost(
  runs: number,
  jobs: number,
  latencyMs: number,
): Promise<{ emulator: PreparedEmulator; close: () => Promise<void> }> {
  const child: ChildProcess = fork(process.argv[1] as string, [HOST_ROLE], {
    execArgv: [],
    stdio: "inherit",
  });
  const emulator = await new Promise<PreparedEmulator>((resolve, reject) => {
    child.once("message", (m) => resolve(m as PreparedEmulator));
    child.once("exit", (code) => reject(new Error(`the emulator host exited with ${code}`)));
    child.send({ type: "prepare", runs, jobs, latencyMs } satisfies Request);
  });
  return {
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.send({ type: "close" } satisfies Request);
      }),
  };
}
