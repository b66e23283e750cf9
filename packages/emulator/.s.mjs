import { readFileSync } from "node:fs";
import { parse } from "yaml";

const [file, ...names] = process.argv.slice(2);
const doc = parse(readFileSync(file, "utf8"));
for (const n of names) {
  const s = doc.components.schemas[n];
  if (!s) {
    console.log("MISSING", n);
    continue;
  }
  const props = s.properties ?? {};
  console.log(`== ${n} required=${JSON.stringify(s.required ?? [])}`);
  for (const k of s.required ?? []) {
    const v = props[k] ?? {};
    console.log(`  ${k}: ${JSON.stringify(v).slice(0, 200)}`);
  }
}
