// Patch machinery shared by the simulated apiserver (applies patches) and the emulated kubectl
// (computes them): RFC 6902 JSON patch, RFC 7386 merge patch, strategic merge patch.
export { PatchError, patchErrorToStatus, GENERIC_INVALID_MESSAGE, type PatchErrorKind } from './errors';
export { applyJsonPatch, parsePointer, escapePointerToken, type JsonPatchOp } from './jsonpatch';
export { applyMergePatch, createMergePatch, createThreeWayJsonMergePatch } from './mergepatch';
export { applyStrategicMergePatch, createTwoWayMergePatch, createThreeWayMergePatch, mergingMapsHaveConflicts } from './strategic';
export { patchMetaForKind, supportsStrategicMerge, EMPTY_META, type PatchMeta, type PatchStrategy } from './mergekeys';
export { marshalGo, sortKeysDeep, deepEqual, type Json, type JsonObject } from './gojson';
