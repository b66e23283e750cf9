import { randomUUID } from "node:crypto";
import { readFile, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { realSleep } from "@dbt-cloud-kit/client";
import { DbtCloudCursorStoreError } from "../errors.js";

interface LockInfo {
  pid: number;
  host: string;
  token: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A mutex between processes on one host: `<file>.lock` created exclusively. A lock left by a process
 * that died (crash mid-write) is taken over once its pid is gone. Held for one read-modify-write only,
 * so waiting uses short real sleeps: this is file I/O between processes, not sensor time.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lockPath = `${file}.lock`;
  const me: LockInfo = { pid: process.pid, host: hostname(), token: randomUUID() };
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lockPath, JSON.stringify(me), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new DbtCloudCursorStoreError(
          `Could not create the lock file ${lockPath}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      if (await removeIfStale(lockPath)) continue;
      if (attempt >= 2_000) {
        throw new DbtCloudCursorStoreError(
          `${lockPath} has been held by another process for too long. If no sensor is running on this cursor, delete that file.`,
        );
      }
      await realSleep(2 + (attempt % 10));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function removeIfStale(lockPath: string): Promise<boolean> {
  let info: Partial<LockInfo> | undefined;
  try {
    info = JSON.parse(await readFile(lockPath, "utf8")) as Partial<LockInfo>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    // Empty or partial: its creator died between create and write (or is writing right now).
    info = undefined;
  }
  if (info === undefined) {
    await realSleep(20);
    try {
      JSON.parse(await readFile(lockPath, "utf8"));
      return false;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    }
  } else if (info.host !== hostname() || typeof info.pid !== "number" || alive(info.pid)) {
    return false;
  }
  await unlink(lockPath).catch(() => undefined);
  return true;
}
