/** The warning for a manifest whose `depends_on` has a cycle. */
export function cycleWarning(cycle: readonly [string, string], what: string): string {
  const [a, b] = cycle;
  const through = a === b ? `${a}, which depends on itself` : `${a} and ${b}`;
  return (
    `The manifest's depends_on has a cycle through ${through}. dbt never writes one: was manifest.json ` +
    `edited by hand or damaged? ${what} stepped over the cycle, so results for the nodes on it may be ` +
    "incomplete. Regenerate the manifest with dbt parse."
  );
}
