/** Loopback ports for tests: one that was free a moment ago (nothing listens on it now). */
export { freeLocalPort as freePort } from "../../src/runtime/ports.js";
