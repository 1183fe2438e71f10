/**
 * Colours per theme. Backgrounds are opaque on purpose: a transparent PNG with light text vanishes
 * when the same message is viewed in a light client (and vice versa), the top complaint about
 * LaTeX bots. The colours are Discord's chat background and normal text, which also read well
 * in Slack.
 */
import type { Theme } from "./types.js";

export interface Palette {
  background: string;
  text: string;
}

export const palettes: Record<Theme, Palette> = {
  dark: { background: "#313338", text: "#DBDEE1" },
  light: { background: "#FFFFFF", text: "#313338" },
};

export const themes: readonly Theme[] = ["dark", "light"];
