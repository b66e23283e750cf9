import type { DbtRunSummary, DbtSummaryNode } from "@dbt-cloud-kit/assets";

export interface Annotation {
  level: "error" | "warning";
  title: string;
  message: string;
  file?: string;
}

function annotation(level: Annotation["level"], node: DbtSummaryNode): Annotation {
  const failing =
    node.failures !== undefined && node.failures > 0 && !node.message
      ? ` (${node.failures} failing rows)`
      : "";
  const result: Annotation = {
    level,
    title: `dbt ${node.resourceType} ${node.name}: ${node.status}`,
    message: `${node.message ?? `${node.uniqueId} ended with status ${node.status}`}${failing}`,
  };
  if (node.originalFilePath) result.file = node.originalFilePath;
  return result;
}

/**
 * The nodes' annotations within what GitHub still shows for the step (`room` per level, after the
 * run-level error): the first failed nodes, then, when they do not all fit, one annotation saying how many
 * more there are and where to find them.
 */
export function annotationsFor(
  summary: DbtRunSummary,
  room: { error: number; warning: number },
  elsewhere: string,
): Annotation[] {
  const fit = (level: Annotation["level"], nodes: readonly DbtSummaryNode[], what: string): Annotation[] => {
    const max = Math.max(0, room[level]);
    if (nodes.length <= max) return nodes.map((n) => annotation(level, n));
    if (max === 0) return [];
    const shown = nodes.slice(0, max - 1).map((n) => annotation(level, n));
    const more = nodes.length - shown.length;
    return [...shown, { level, title: `${more} more ${what}`, message: `…and ${more} more ${elsewhere}.` }];
  };
  return [
    ...fit("error", summary.failed, "failed dbt nodes"),
    ...fit("warning", summary.warned, "dbt nodes with warnings"),
  ];
}
