/** Assignments with answer keys: the model (./assignment.ts), its Redis store and the teacher's report. */
export * from "./assignment.js";
export { type AssignmentReport, assignmentReportCsv, buildAssignmentReport } from "./report.js";
export { AssignmentStore, type Attempt } from "./store.js";
