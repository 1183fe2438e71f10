/** The attack battery (attacks.ts) against sessions that are each a process of their own. */
import { attackBattery } from "./attacks.js";

attackBattery("own");
