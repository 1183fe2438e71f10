#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/, built by ./setup (which `npm start` and `npm test`
// run first) or by `npm run build`.
import("../dist/src/cli/main.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/src/cli/main.js")) {
    process.stderr.write("start-tutor is not built yet: run `npm run build` (or ./setup) first\n");
    process.exit(70);
  }
  throw err;
});
