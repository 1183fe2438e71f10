/** Pool worker: renders formulas synchronously, one message at a time, off the main event loop. */
import { parentPort, workerData } from "node:worker_threads";
import { errorToData } from "./errors.js";
import { type FormulaSettings, renderFormulaSync } from "./formula.js";
import type { WorkerReply, WorkerRequest } from "./pool.js";

const settings = (workerData as { settings: FormulaSettings }).settings;
const port = parentPort!;

// Load MathJax and warm up the JIT before taking work, so the first real formula is fast.
renderFormulaSync("x^2", { theme: "dark" }, settings);
port.postMessage({ ready: true } satisfies WorkerReply);

port.on("message", (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const { png, width, height } = renderFormulaSync(request.latex, request.options, settings);
    reply = { id: request.id, ok: true, png, width, height };
  } catch (err) {
    reply = { id: request.id, ok: false, error: errorToData(err) };
  }
  port.postMessage(reply);
});
