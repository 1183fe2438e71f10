/**
 * Who may read class reports and delete a channel's records. Until there is a teacher role,
 * it is whoever may change the settings (Discord *Manage Server*, a Slack workspace admin):
 * the one place that says so, so a teacher role replaces it here.
 */
import type { Role } from "./spec.js";

export const TEACHER: Role = "admin";
