import type { CliContext } from "../context/cli-context.js";
import { singleLine } from "./terminal-text.js";

export interface Column<R> {
  header: string;
  /** Our own values (ids, statuses, numbers) are trusted; names and messages from dbt Cloud are not. */
  value: (row: R) => string | number | null | undefined;
  trusted?: boolean;
  maxWidth?: number;
}

/**
 * A table on a terminal (aligned columns under a header); otherwise tab-separated lines without a header,
 * for `cut` and `awk`, as `gh` prints when piped. The first column must be trusted (an id): it starts
 * the line, and the untrusted rest goes through the untrusted-text printer.
 */
export function printTable<R>(ctx: CliContext, columns: readonly Column<R>[], rows: readonly R[]): void {
  const cells = rows.map((row) =>
    columns.map((c) => {
      const raw = c.value(row);
      const text = raw === undefined || raw === null ? "" : singleLine(String(raw)).replaceAll("\t", " ");
      return c.maxWidth !== undefined && text.length > c.maxWidth
        ? `${text.slice(0, c.maxWidth - 1)}…`
        : text;
    }),
  );
  const tty = ctx.stdout.isTTY === true;
  if (!tty) {
    for (const row of cells) emit(ctx, columns, row, "\t");
    return;
  }
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] ?? "").length)));
  const pad = (row: string[]) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)));
  ctx.out.text(
    ctx.outStyle.bold(
      pad(columns.map((c) => c.header))
        .join("  ")
        .trimEnd(),
    ),
  );
  for (const row of cells) emit(ctx, columns, pad(row), "  ");
  if (rows.length === 0) ctx.out.text(ctx.outStyle.dim("(none)"));
}

function emit<R>(ctx: CliContext, columns: readonly Column<R>[], row: string[], separator: string): void {
  // The longest run of trusted leading cells is the prefix; everything after it is untrusted.
  let split = 0;
  while (split < columns.length && columns[split]?.trusted) split++;
  const prefix = row.slice(0, Math.max(split, 1)).join(separator);
  const rest = row.slice(Math.max(split, 1)).join(separator);
  const line = `${prefix}${rest === "" ? "" : separator}`;
  ctx.out.line(line.trim() === "" ? `-${separator}` : line, rest.trimEnd());
}
