// What the page's modules share: the element lookup and the state of the run on screen.

export const $ = (id) => document.getElementById(id);

export const state = {
  /** The run shown in the thread. */
  runId: null,
  mode: "solve",
  /** Aborts the current event stream when another run is shown. */
  follow: null,
  showCode: false,
  vote: null,
  /** The answer message of the run, held here (not in the page) until Reveal is pressed. */
  answer: null,
};
