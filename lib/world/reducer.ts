// The world model's public face: one import for the server, the diagrams and
// the lesson checks. Each part lives in a file named for what it holds.
export { applyWorldUpdate, sameId } from './world-update';
export { applyBuildEvent, startBuildProgress } from './build-progress';
export type { BuildPhase, BuildProgress, BuildStepState } from './build-progress';
export { isMetadataInstruction, layerInstruction, parseCreatedBy, runsContainer } from './instructions';
export type { CreatedBy } from './instructions';
export { formatBytes, shortId } from './format';
