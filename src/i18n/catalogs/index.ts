/** Every catalog, by locale (what `src/i18n` loads into i18next). */
import type { Locale } from "../locale.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { pt } from "./pt.js";
import type { Catalog } from "./types.js";
import { zh } from "./zh.js";

export type { Catalog } from "./types.js";

export const CATALOGS: Record<Locale, Catalog> = { en, es, fr, de, pt, zh };
