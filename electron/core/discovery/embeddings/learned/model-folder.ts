// A learned embedding's model folder, models/<run>/:
//   encoder/model.json + weights.bin   the representation network (tfjs layers format)
//   head/model.json + weights.bin      the autoencoder's decoder or the contrastive projection head
//   training-log.json                  backend, device, configuration and the loss of every epoch
//   checkpoint.json + checkpoint-<epoch>.bin   the latest epoch's weights and optimiser state
// Every file is written atomically. A checkpoint's binary is written under a new name first
// and only then named by checkpoint.json, so the pair read back is always whole and matching.
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../../util/atomic-write.js';
import type { Workspace } from '../../../workspace/workspace.js';
import type { Checkpoint } from '../../../../../native-models/training/checkpoint.js';
import { MODEL_JSON, MODEL_WEIGHTS, type ModelFiles } from '../../../../../native-models/training/model-file-layout.js';
import type { TrainedNetworks } from './model-task.js';
import type { EpochRecord } from '../../../../../native-models/training/train-model.js';

const CHECKPOINT_JSON = 'checkpoint.json';
const TRAINING_LOG = 'training-log.json';

interface CheckpointIndex {
  epoch: number;
  file: string;
  bytes: number;
  specs: Checkpoint['specs'];
}

export class ModelFolder {
  readonly dir: string;

  constructor(workspace: Workspace, runId: string) {
    if (!/^[\w.-]+$/.test(runId)) throw new Error(`invalid run id: ${runId}`);
    this.dir = join(workspace.paths.models, runId);
  }

  private ensure(sub = ''): string {
    const dir = join(this.dir, sub);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  saveCheckpoint(checkpoint: Checkpoint): void {
    const file = `checkpoint-${checkpoint.epoch}.bin`;
    writeFileAtomicSync(join(this.ensure(), file), checkpoint.data);
    const index: CheckpointIndex = {
      epoch: checkpoint.epoch,
      file,
      bytes: checkpoint.data.byteLength,
      specs: checkpoint.specs,
    };
    writeFileAtomicSync(join(this.dir, CHECKPOINT_JSON), JSON.stringify(index));
    for (const name of readdirSync(this.dir))
      if (/^checkpoint-\d+\.bin$/.test(name) && name !== file) unlinkSync(join(this.dir, name));
  }

  /** The latest checkpoint, or null when training never finished an epoch. */
  loadCheckpoint(): Checkpoint | null {
    const indexPath = join(this.dir, CHECKPOINT_JSON);
    if (!existsSync(indexPath)) return null;
    const index = JSON.parse(readFileSync(indexPath, 'utf8')) as CheckpointIndex;
    const data = new Uint8Array(readFileSync(join(this.dir, index.file)));
    if (data.byteLength !== index.bytes)
      throw new Error(`${join(this.dir, index.file)} has ${data.byteLength} bytes; its index says ${index.bytes}`);
    return { epoch: index.epoch, specs: index.specs, data };
  }

  saveNetworks(networks: TrainedNetworks): void {
    for (const [name, files] of Object.entries(networks) as [keyof TrainedNetworks, ModelFiles][]) {
      const dir = this.ensure(name);
      writeFileAtomicSync(join(dir, MODEL_WEIGHTS), files.weights);
      writeFileAtomicSync(join(dir, MODEL_JSON), files.json);
    }
  }

  loadNetworks(): TrainedNetworks {
    const read = (name: string): ModelFiles => {
      const dir = join(this.dir, name);
      if (!existsSync(join(dir, MODEL_JSON))) throw new Error(`no trained ${name} in ${this.dir}`);
      return {
        json: readFileSync(join(dir, MODEL_JSON), 'utf8'),
        weights: new Uint8Array(readFileSync(join(dir, MODEL_WEIGHTS))),
      };
    };
    return { encoder: read('encoder'), head: read('head') };
  }

  saveTrainingLog(log: unknown): void {
    writeFileAtomicSync(join(this.ensure(), TRAINING_LOG), JSON.stringify(log, null, 2));
  }

  /** The epochs recorded so far (empty when there is no log yet). */
  loadEpochLog(): EpochRecord[] {
    const path = join(this.dir, TRAINING_LOG);
    if (!existsSync(path)) return [];
    const log = JSON.parse(readFileSync(path, 'utf8')) as { epochs?: EpochRecord[] };
    return Array.isArray(log.epochs) ? log.epochs : [];
  }

  /** Once the run is done, the checkpoint has served its purpose (until then it is what a resume restarts from). */
  dropCheckpoint(): void {
    if (!existsSync(this.dir)) return;
    // The index first: killed part-way, what is left is a stray binary, never an index naming a deleted one.
    if (existsSync(join(this.dir, CHECKPOINT_JSON))) unlinkSync(join(this.dir, CHECKPOINT_JSON));
    for (const name of readdirSync(this.dir)) if (/^checkpoint-\d+\.bin$/.test(name)) unlinkSync(join(this.dir, name));
  }
}
