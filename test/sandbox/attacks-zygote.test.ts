/** The attack battery (attacks.ts) against sessions forked from the pre-imported zygote. */
import { attackBattery } from "./attacks.js";

attackBattery("zygote");
