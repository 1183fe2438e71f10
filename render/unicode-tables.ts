/** Character tables for writing simple LaTeX as Unicode text. */

// biome-ignore format: a compact lookup table
export const SUPERSCRIPT: Record<string, string> = {
  "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
  "+": "⁺", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", a: "ᵃ", b: "ᵇ", c: "ᶜ", d: "ᵈ", e: "ᵉ", f: "ᶠ", g: "ᵍ",
  h: "ʰ", i: "ⁱ", j: "ʲ", k: "ᵏ", l: "ˡ", m: "ᵐ", n: "ⁿ", o: "ᵒ", p: "ᵖ", r: "ʳ", s: "ˢ", t: "ᵗ", u: "ᵘ",
  v: "ᵛ", w: "ʷ", x: "ˣ", y: "ʸ", z: "ᶻ", A: "ᴬ", B: "ᴮ", D: "ᴰ", E: "ᴱ", G: "ᴳ", H: "ᴴ", I: "ᴵ", J: "ᴶ",
  K: "ᴷ", L: "ᴸ", M: "ᴹ", N: "ᴺ", O: "ᴼ", P: "ᴾ", R: "ᴿ", T: "ᵀ", U: "ᵁ", V: "ⱽ", W: "ᵂ", β: "ᵝ", γ: "ᵞ",
  δ: "ᵟ", θ: "ᶿ", φ: "ᵠ", χ: "ᵡ", "′": "′",
};

// biome-ignore format: a compact lookup table
export const SUBSCRIPT: Record<string, string> = {
  "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
  "+": "₊", "−": "₋", "=": "₌", "(": "₍", ")": "₎", a: "ₐ", e: "ₑ", h: "ₕ", i: "ᵢ", j: "ⱼ", k: "ₖ", l: "ₗ",
  m: "ₘ", n: "ₙ", o: "ₒ", p: "ₚ", r: "ᵣ", s: "ₛ", t: "ₜ", u: "ᵤ", v: "ᵥ", x: "ₓ", β: "ᵦ", γ: "ᵧ", ρ: "ᵨ",
  φ: "ᵩ", χ: "ᵪ",
};

// biome-ignore format: a compact lookup table
export const GREEK: Record<string, string> = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε", zeta: "ζ", eta: "η",
  theta: "θ", vartheta: "ϑ", iota: "ι", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π",
  varpi: "ϖ", rho: "ρ", varrho: "ϱ", sigma: "σ", varsigma: "ς", tau: "τ", upsilon: "υ", phi: "φ",
  varphi: "φ", chi: "χ", psi: "ψ", omega: "ω", Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ",
  Pi: "Π", Sigma: "Σ", Upsilon: "Υ", Phi: "Φ", Psi: "Ψ", Omega: "Ω",
};

/** Relations: written with a space on each side. */
// biome-ignore format: a compact lookup table
export const RELATIONS: Record<string, string> = {
  le: "≤", leq: "≤", leqslant: "≤", ge: "≥", geq: "≥", geqslant: "≥", ne: "≠", neq: "≠", approx: "≈",
  equiv: "≡", sim: "∼", simeq: "≃", cong: "≅", propto: "∝", ll: "≪", gg: "≫", to: "→", rightarrow: "→",
  leftarrow: "←", Rightarrow: "⇒", implies: "⟹", Leftarrow: "⇐", impliedby: "⟸", iff: "⟺",
  Leftrightarrow: "⇔", leftrightarrow: "↔", mapsto: "↦", in: "∈", notin: "∉", ni: "∋", subset: "⊂",
  subseteq: "⊆", supset: "⊃", supseteq: "⊇", mid: "∣", nmid: "∤", parallel: "∥", perp: "⊥", colon: ":",
};

/** Binary operators: spaced, except where they are a sign (`-x`, `(+1)`). */
// biome-ignore format: a compact lookup table
export const OPERATORS: Record<string, string> = {
  pm: "±", mp: "∓", times: "×", cdot: "·", div: "÷", ast: "∗", star: "⋆", circ: "∘", bullet: "•", cup: "∪",
  cap: "∩", setminus: "∖", land: "∧", wedge: "∧", lor: "∨", vee: "∨", oplus: "⊕", otimes: "⊗",
};

/** Everything else that is one character. */
// biome-ignore format: a compact lookup table
export const SYMBOLS: Record<string, string> = {
  infty: "∞", partial: "∂", nabla: "∇", emptyset: "∅", varnothing: "∅", forall: "∀", exists: "∃",
  nexists: "∄", neg: "¬", lnot: "¬", ldots: "…", dots: "…", cdots: "⋯", dotsc: "…", dotsb: "⋯", vdots: "⋮",
  angle: "∠", triangle: "△", degree: "°", prime: "′", ell: "ℓ", hbar: "ℏ", aleph: "ℵ", Re: "ℜ", Im: "ℑ",
  therefore: "∴", because: "∵", checkmark: "✓",
  dagger: "†", surd: "√", square: "□", top: "⊤", bot: "⊥", "%": "%", "#": "#", _: "_", "&": "&", $: "$",
  "{": "{", "}": "}", "|": "‖",
};

// biome-ignore format: a compact lookup table
export const DELIMITERS: Record<string, string> = {
  "(": "(", ")": ")", "[": "[", "]": "]", "\\{": "{", "\\}": "}", "|": "|", "\\|": "‖", "/": "/", ".": "",
  "\\langle": "⟨", "\\rangle": "⟩", "\\lfloor": "⌊", "\\rfloor": "⌋", "\\lceil": "⌈", "\\rceil": "⌉",
  "\\lvert": "|", "\\rvert": "|", "\\lVert": "‖", "\\rVert": "‖", "\\vert": "|", "\\Vert": "‖",
  "\\lbrace": "{", "\\rbrace": "}", "\\lbrack": "[", "\\rbrack": "]",
};

export const OPENING = new Set(["(", "[", "{", "⟨", "⌊", "⌈"]);
export const CLOSING = new Set([")", "]", "}", "⟩", "⌋", "⌉"]);

/** Named functions, written upright as words. */
// biome-ignore format: a compact lookup table
export const FUNCTIONS = new Set([
  "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "coth",
  "log", "ln", "lg", "exp", "max", "min", "sup", "inf", "det", "gcd", "deg", "dim", "ker", "arg", "Pr",
]);

// biome-ignore format: a compact lookup table
export const BLACKBOARD: Record<string, string> = {
  N: "ℕ", Z: "ℤ", Q: "ℚ", R: "ℝ", C: "ℂ", P: "ℙ", H: "ℍ",
};

/** Accents that have a combining character, applied to every character of their argument. */
// biome-ignore format: a compact lookup table
export const ACCENTS: Record<string, string> = {
  bar: "\u0304", overline: "\u0305", hat: "\u0302", widehat: "\u0302", tilde: "\u0303", widetilde: "\u0303",
  vec: "\u20d7", dot: "\u0307", ddot: "\u0308",
};

/** Spacing commands and what they become. */
// biome-ignore format: a compact lookup table
export const SPACES: Record<string, string> = {
  ",": " ", ":": " ", ";": " ", " ": " ", "!": "", quad: " ", qquad: " ", enspace: " ", thinspace: " ",
};

/** Font switches whose argument is still math (letters keep their plain form). */
export const MATH_FONTS = new Set(["mathrm", "mathbf", "mathit", "mathsf", "boldsymbol", "bm", "mathnormal"]);

/** Commands whose argument is literal text. */
export const TEXT_COMMANDS = new Set(["text", "textrm", "textit", "textbf", "textsf", "mbox", "textnormal"]);

/** Size prefixes for delimiters (`\big(`), dropped. */
// biome-ignore format: a compact lookup table
export const DELIMITER_SIZES = new Set([
  "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr", "middle",
]);
