import { describe, expect, it } from "vitest";
import { SharedTask } from "../src/shared-task.js";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("SharedTask", () => {
  it("a caller that aborts stops waiting, the others still get the result", async () => {
    const gate = deferred<string>();
    let inner: AbortSignal | undefined;
    const task = new SharedTask((signal) => {
      inner = signal;
      return gate.promise;
    });
    const a = new AbortController();
    const first = task.join(a.signal);
    const second = task.join(new AbortController().signal);
    a.abort(new Error("first gave up"));
    await expect(first).rejects.toThrow("first gave up");
    expect(inner?.aborted).toBe(false);
    gate.resolve("manifest");
    await expect(second).resolves.toBe("manifest");
  });

  it("the operation is aborted once every caller has aborted", async () => {
    let inner: AbortSignal | undefined;
    const task = new SharedTask(
      (signal) =>
        new Promise<never>((_, reject) => {
          inner = signal;
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
    );
    const a = new AbortController();
    const b = new AbortController();
    const joins = [task.join(a.signal), task.join(b.signal)];
    a.abort(new Error("a"));
    expect(inner?.aborted).toBe(false);
    b.abort(new Error("b"));
    expect(inner?.aborted).toBe(true);
    await expect(joins[0]).rejects.toThrow("a");
    await expect(joins[1]).rejects.toThrow("b");
  });

  it("a caller without a signal keeps the operation alive, and errors reach every caller", async () => {
    let inner: AbortSignal | undefined;
    const gate = deferred<void>();
    const task = new SharedTask(async (signal) => {
      inner = signal;
      await gate.promise;
      throw new Error("parse failed");
    });
    const a = new AbortController();
    const withSignal = task.join(a.signal);
    const without = task.join();
    a.abort(new Error("a"));
    await expect(withSignal).rejects.toThrow("a");
    expect(inner?.aborted).toBe(false);
    gate.resolve();
    await expect(without).rejects.toThrow("parse failed");
  });

  it("joining with an already aborted signal rejects at once", async () => {
    const task = new SharedTask(async () => 1);
    await expect(task.join(AbortSignal.abort(new Error("late")))).rejects.toThrow("late");
    await expect(task.join()).resolves.toBe(1);
  });
});
