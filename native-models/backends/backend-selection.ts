// The selection rule, one for every place a model runs: Node (select-backend.ts, with its
// candidates) and a Chromium page (page-backends.ts). `auto` tries each candidate best first,
// except the opt-in ones, and says why it passed over the better ones; a named choice takes
// only that one and fails with the reason it is missing.
import * as tf from '@tensorflow/tfjs';
import {
  BACKEND_NAMES,
  BackendUnavailableError,
  isBackendChoice,
  type BackendCandidate,
  type BackendChoice,
  type SelectedBackend,
  type SkippedBackend,
} from './backend-interface.js';

/** The candidate activated last: the one whose device a training loop asks about. */
let active: BackendCandidate | null = null;

/** Throws the DeviceFailure the active backend's device reported, if any (see BackendCandidate.checkDevice). */
export function checkActiveDevice(): void {
  active?.checkDevice?.();
}

/** Activates `candidate`; null when it did, else why not (its error's message). */
export async function tryActivate(candidate: BackendCandidate, explicit: boolean): Promise<string | null> {
  try {
    await candidate.activate(explicit);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Activates `choice` among `candidates` (best first) and makes it tfjs's current backend. */
export async function selectBackendFrom(
  choice: BackendChoice,
  candidates: readonly BackendCandidate[],
): Promise<SelectedBackend> {
  if (!isBackendChoice(choice)) {
    throw new Error(`unknown backend '${String(choice)}': use one of auto, ${BACKEND_NAMES.join(', ')}`);
  }
  const tried = choice === 'auto' ? candidates.filter((c) => !c.optIn) : candidates.filter((c) => c.name === choice);
  const skipped: SkippedBackend[] = [];
  for (const candidate of tried) {
    const failure = await tryActivate(candidate, choice !== 'auto');
    if (failure !== null) {
      skipped.push({ name: candidate.name, reason: failure });
      continue;
    }
    await tf.ready();
    active = candidate;
    return {
      name: candidate.name,
      tfjsName: tf.getBackend(),
      device: await candidate.describeDevice(),
      hardwareGpu: candidate.isHardwareGpu?.() ?? false,
      skipped,
    };
  }
  const packageName = candidates.find((c) => c.name === choice)?.packageName ?? null;
  throw new BackendUnavailableError(
    choice,
    skipped.length ? skipped : [{ name: choice as SkippedBackend['name'], reason: 'no such candidate' }],
    packageName,
  );
}
