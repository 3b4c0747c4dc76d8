// Training a learned run: one attempt on the backend the run asks for, checkpointing every
// epoch into the model folder; out of GPU memory halves the batch once and trains on from the
// last checkpoint; any other failure ends the run with its reason and how to resume it.
import { updateRunParams } from '../../../workspace/repositories/runs-repo.js';
import { runModelTask } from './model-task-runner.js';
import type { ModelTaskEvent, TrainedNetworks } from './model-task.js';
import type { LearnedRun } from './learned-run.js';
import type { BackendName, SelectedBackend } from '../../../../../native-models/backends/index.js';
import { deviceFailureKind } from '../../../../../native-models/backends/device-failures.js';
import type { EpochRecord } from '../../../../../native-models/training/train-model.js';

export interface Training {
  networks: TrainedNetworks;
  backend: SelectedBackend;
  /** Every epoch trained, those of earlier attempts included. */
  log: LoggedEpoch[];
  /** Measured while training; 0 when this attempt trained no step. */
  objectsPerSecond: number;
}

/** An epoch of the training log, with the backend that trained it (a run may resume on another). */
export type LoggedEpoch = EpochRecord & { backend?: BackendName };

/**
 * Trains the model, checkpointing every epoch. A GPU out of memory halves the batch once and
 * trains on from the last checkpoint; any other failure ends the run with its reason and how
 * to resume it (a lost device included: the checkpoint is where the resume starts).
 */
export async function train(run: LearnedRun): Promise<Training> {
  const { params } = run;
  try {
    return await trainAttempt(run, run.resumed);
  } catch (error) {
    const batch = params.batch_size;
    const halve =
      deviceFailureKind(error) === 'out-of-memory' &&
      params.batch_halved_from === undefined &&
      batch !== null &&
      batch > 2 &&
      !run.options.signal?.aborted;
    if (!halve) throw explainFailure(run, error);
    params.batch_halved_from = batch;
    params.batch_size = Math.floor(batch / 2);
    updateRunParams(run.workspace.db, run.id, params);
    run.progress(0, 1, `note: out of GPU memory at batch ${batch}; training on at batch ${params.batch_size}`);
    try {
      return await trainAttempt(run, true);
    } catch (again) {
      throw explainFailure(run, again);
    }
  }
}

/** A device failure, said with what to do next: the run keeps its checkpoint. */
function explainFailure(run: LearnedRun, error: unknown): unknown {
  const kind = deviceFailureKind(error);
  if (kind === null || run.options.signal?.aborted) return error;
  const message = error instanceof Error ? error.message : String(error);
  const epoch = run.folder.loadCheckpoint()?.epoch ?? 0;
  const from = epoch > 0 ? `from epoch ${epoch}'s checkpoint` : 'from the start';
  const advice =
    kind === 'out-of-memory'
      ? `resume with --resume ${run.id} --batch-size ${Math.max(2, Math.floor((run.params.batch_size ?? 4) / 2))}`
      : `resume with --resume ${run.id}`;
  return new Error(`${message}; ${advice} (it continues ${from})`, { cause: error });
}

/**
 * One attempt at training: from the run's checkpoint when `fromCheckpoint`, on the backend the
 * run asks for; saves the trained networks and the finished training log.
 */
async function trainAttempt(run: LearnedRun, fromCheckpoint: boolean): Promise<Training> {
  const { workspace, options, progress, folder, config, params } = run;
  let selected: SelectedBackend | null = null;
  let networks: TrainedNetworks | null = null;
  let log: LoggedEpoch[] = [];
  let trainRate = 0;
  const checkpoint = fromCheckpoint ? folder.loadCheckpoint() : null;
  const onTrainEvent = (event: ModelTaskEvent): void => {
    if (event.type === 'backend') {
      selected = event.selected;
      options.onBackend?.(event.selected);
    } else if (event.type === 'training-sizes') {
      // Recorded before the first step, so a resume on another backend keeps them.
      params.sample = event.sizes.sample;
      params.batch_size = event.sizes.batchSize;
      params.width = event.sizes.width;
      config.width = event.sizes.width;
      updateRunParams(workspace.db, run.id, params);
    } else if (event.type === 'progress') {
      const p = event.progress;
      trainRate = p.objectsPerSecond;
      const rate = Math.round(p.objectsPerSecond).toLocaleString('en-US');
      const detail = `epoch ${p.epoch}/${p.epochs}, loss ${p.loss.toPrecision(4)}, ${rate} images/s`;
      progress((p.epoch - 1) * p.stepsPerEpoch + p.step, p.epochs * p.stepsPerEpoch, 'train', detail);
    } else if (event.type === 'checkpoint') {
      // The epoch's log line before its checkpoint: killed in between, a resume starts from the
      // previous checkpoint and drops the line (see below), so the log never misses an epoch.
      log.push({ ...event.record, backend: (selected as SelectedBackend | null)?.name });
      folder.saveTrainingLog({ config, params, backend: selected, epochs: log, finished: false });
      folder.saveCheckpoint(event.checkpoint);
    } else if (event.type === 'trained') {
      networks = event.networks;
    }
  };
  if (checkpoint) log = folder.loadEpochLog().filter((record) => record.epoch <= checkpoint.epoch);
  const sizes = { sample: params.sample, batchSize: params.batch_size, width: params.width };
  await runModelTask(
    {
      type: 'train',
      backend: run.backend,
      config,
      inputs: { path: run.inputsPath, rows: run.candidateRows },
      sizes,
      epochs: params.epochs,
      resumeFrom: checkpoint ?? undefined,
    },
    { onEvent: onTrainEvent, signal: options.signal, inProcess: options.inProcess },
  );
  if (!networks || !selected) throw new Error('training ended without a model');
  const trained: TrainedNetworks = networks;
  const backendUsed: SelectedBackend = selected;
  folder.saveNetworks(trained);
  const resumedFromEpoch = checkpoint?.epoch ?? null;
  folder.saveTrainingLog({ config, params, backend: backendUsed, epochs: log, resumedFromEpoch, finished: true });
  return { networks: trained, backend: backendUsed, log, objectsPerSecond: trainRate };
}
