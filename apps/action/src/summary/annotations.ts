import type { DbtRunSummary, DbtSummaryNode } from "@dbt-cloud-kit/assets";

export interface Annotation {
  level: "error" | "warning";
  title: string;
  message: string;
  file?: string;
}

/** GitHub shows at most 10 annotations of each level per step; the rest are in the summary. */
const MAX_PER_LEVEL = 10;

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

/** One annotation per failed model / test (errors) and per warned test (warnings), file from the manifest. */
export function annotationsFor(summary: DbtRunSummary): Annotation[] {
  return [
    ...summary.failed.slice(0, MAX_PER_LEVEL).map((n) => annotation("error", n)),
    ...summary.warned.slice(0, MAX_PER_LEVEL).map((n) => annotation("warning", n)),
  ];
}
