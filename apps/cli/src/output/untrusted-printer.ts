import { randomBytes } from "node:crypto";

// TEMPORARY: the same contract as @dbt-cloud-kit/app-kit's createUntrustedPrinter; replaced by it when
// app-kit lands on main (untrusted-output.ts is the only importer).

const LINE_BREAK = /\r\n|\r|\n/;
const LEGACY = "##[";

function trimStart(line: string): string {
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c !== "\u0085" && c.trim() !== "") break;
    i++;
  }
  return line.slice(i);
}

export interface UntrustedPrinter {
  line(trustedPrefix: string, untrustedValue?: string): void;
  block(untrustedText: string): void;
}

export function createUntrustedPrinter(write: (text: string) => void): UntrustedPrinter {
  function block(text: string): void {
    if (text === "") return;
    const lines = text.split(LINE_BREAK);
    if (lines.length > 1 && lines.at(-1) === "") lines.pop();
    let token = randomBytes(16).toString("hex");
    while (text.toLowerCase().includes(token)) token = randomBytes(16).toString("hex");
    write(`::stop-commands::${token}`);
    for (const l of lines) write(l.replaceAll(LEGACY, "##\u2060["));
    write(`::${token}::`);
  }
  function line(prefix: string, value?: string): void {
    const start = trimStart(prefix);
    if (start === "" || start.startsWith("::") || LINE_BREAK.test(prefix) || prefix.includes(LEGACY)) {
      throw new TypeError(`UntrustedPrinter.line: bad trusted prefix ${JSON.stringify(prefix)}`);
    }
    if (value === undefined || value === "") {
      write(prefix);
      return;
    }
    if (LINE_BREAK.test(value) || `${prefix}${value}`.includes(LEGACY)) {
      write(prefix.trimEnd());
      block(value);
      return;
    }
    write(`${prefix}${value}`);
  }
  return { line, block };
}
