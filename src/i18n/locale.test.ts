import { describe, expect, it } from "vitest";
import { chooseLocale, detectLanguage, fromAcceptLanguage, toLocale } from "./index.js";

describe("toLocale", () => {
  it("maps a platform's tag to the language by its primary subtag", () => {
    expect(toLocale("es-ES")).toBe("es");
    expect(toLocale("es-419")).toBe("es");
    expect(toLocale("pt_BR")).toBe("pt");
    expect(toLocale("zh-TW")).toBe("zh");
    expect(toLocale("EN-us")).toBe("en");
    expect(toLocale("ja")).toBeUndefined();
    expect(toLocale("")).toBeUndefined();
    expect(toLocale(undefined)).toBeUndefined();
  });
});

describe("fromAcceptLanguage", () => {
  it("takes the browser's best-ranked language the bot speaks", () => {
    expect(fromAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5")).toBe("fr");
    expect(fromAcceptLanguage("ja, de;q=0.5, en;q=0.9")).toBe("en");
    expect(fromAcceptLanguage("en;q=0, es")).toBe("es");
    expect(fromAcceptLanguage("ja, ko")).toBeUndefined();
    expect(fromAcceptLanguage("*")).toBeUndefined();
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });
});

describe("detectLanguage", () => {
  it.each([
    ["¿Cuál es la suma de los dígitos de 2^100?", "es"],
    ["Resuelve la ecuación x^2 - 5x + 6 = 0", "es"],
    ["Quelle est la somme des chiffres de 2^100 ?", "fr"],
    ["Résoudre l'équation $x^2 - 5x + 6 = 0$", "fr"],
    ["Was ist die Summe der Ziffern von 2^100?", "de"],
    ["Löse die Gleichung x^2 - 5x + 6 = 0", "de"],
    ["Qual é a soma dos dígitos de 2^100?", "pt"],
    ["Quantas raízes reais tem a equação x^3 - x = 0?", "pt"],
    ["求 2^100 的各位数字之和", "zh"],
    ["解方程 $x^2 - 5x + 6 = 0$，并画出 f(x) 的图像", "zh"],
    ["What is the sum of the digits of 2^100?", "en"],
    ["Solve x^2 - 5x + 6 = 0 for x and y", "en"],
  ])("%s → %s", (text, locale) => {
    expect(detectLanguage(text)).toBe(locale);
  });

  it("does not guess from a formula, a lone shared word, or a language it does not speak", () => {
    expect(detectLanguage("x^2 - 5x + 6 = 0")).toBeUndefined();
    expect(detectLanguage("$\\int_0^1 x\\,dx$")).toBeUndefined();
    expect(detectLanguage("2^100の各桁の和を求めよ")).toBeUndefined();
    expect(detectLanguage("")).toBeUndefined();
  });
});

describe("chooseLocale", () => {
  it("takes the interaction's locale, else the question's language, else English", () => {
    expect(chooseLocale({ locale: "es-ES", text: "What is 2+2?" })).toBe("es");
    expect(chooseLocale({ locale: "ja", text: "¿Cuánto es 2+2?" })).toBe("es");
    expect(chooseLocale({ text: "求 2^100 的各位数字之和" })).toBe("zh");
    expect(chooseLocale({ text: "2+2" })).toBe("en");
  });
});
