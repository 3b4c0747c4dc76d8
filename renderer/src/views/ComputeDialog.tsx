// Recompute the discovery pipeline with a chosen embedding: the classical ones (features,
// pca; images only), a learned one (autoencoder, contrastive) on images or spectra, on a
// chosen TensorFlow.js backend, or a pretrained ONNX encoder from a file on this machine. Runs embed → rank → map
// as jobs, with progress and cancel in the jobs strip; a learned run reports its backend and device there as it starts.
// A learned run that was interrupted is offered for resuming from its last checkpoint.
import { useState } from 'react';
import type { EmbedRequest } from '../../../electron/core/api/contract.js';
import {
  isLearnedEmbedMethod,
  MODALITIES,
  MODEL_BACKENDS,
  type EmbedMethod,
  type Modality,
  type ModelBackend as Backend,
} from '../../../electron/core/api/contract-lists.js';
import { appStore, useAppState } from '../state/app-store.js';
import { ModalDialog } from './ModalDialog.js';

type Method = EmbedMethod | 'onnx';

/** Every contract embed method needs a label here (in menu order), so a new one cannot be missed. */
const EMBED_LABELS: Record<EmbedMethod, string> = {
  features: 'Morphology features (seconds)',
  pca: 'PCA of the pixels (seconds)',
  contrastive: 'Contrastive encoder, SimCLR (minutes)',
  autoencoder: 'Autoencoder, with reconstruction-error scores (minutes)',
};
const METHODS: { value: Method; label: string }[] = [
  ...Object.entries(EMBED_LABELS).map(([value, label]) => ({ value: value as EmbedMethod, label })),
  { value: 'onnx', label: 'Pretrained encoder (an .onnx file)' },
];
const MODALITY_LABELS: Record<Modality, (s: { images: number; spectra: number } | null) => string> = {
  image: (s) => `images (${s?.images ?? 0})`,
  spectrum: (s) => `spectra (${s?.spectra ?? 0})`,
};

export function ComputeDialog({ onClose }: { onClose: () => void }) {
  const status = useAppState((s) => s.status);
  const busy = useAppState((s) => s.jobs.some((j) => j.state === 'queued' || j.state === 'running'));
  const [method, setMethod] = useState<Method>('features');
  const [modality, setModality] = useState<Modality>(
    status && status.images === 0 && status.spectra > 0 ? 'spectrum' : 'image',
  );
  const [backend, setBackend] = useState<Backend>('auto');
  const [epochs, setEpochs] = useState('');
  const [modelPath, setModelPath] = useState('');
  const [inputSize, setInputSize] = useState('');
  const learned = isLearnedEmbedMethod(method);
  const pretrained = method === 'onnx';
  const spectraOnlyLearned = modality === 'spectrum' && !learned;
  const blocked = spectraOnlyLearned || (pretrained && modelPath.trim() === '');

  const run = (): void => {
    const request: EmbedRequest = pretrained ? { model: modelPath.trim(), modality } : { method, modality };
    if (pretrained && inputSize) request.inputSize = Number(inputSize);
    if (learned) {
      request.backend = backend;
      if (epochs) request.epochs = Number(epochs);
    }
    void appStore().computeAll(request);
    onClose();
  };

  return (
    <ModalDialog title="Compute embedding, ranking and map" testId="compute-dialog" onClose={onClose}>
      <section aria-label="Embedding">
        <label className="field">
          <span>Objects</span>
          <select
            value={modality}
            onChange={(e) => setModality(e.target.value as Modality)}
            data-testid="compute-modality"
          >
            {MODALITIES.map((m) => (
              <option key={m} value={m}>
                {MODALITY_LABELS[m](status)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Embedding</span>
          <select
            value={method}
            onChange={(e) => setMethod(e.target.value as Method)}
            data-testid="compute-method"
            data-autofocus
          >
            {METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        {learned && (
          <>
            <label className="field">
              <span>Backend</span>
              <select
                value={backend}
                onChange={(e) => setBackend(e.target.value as Backend)}
                data-testid="compute-backend"
              >
                {MODEL_BACKENDS.map((b) => (
                  <option key={b} value={b}>
                    {b === 'auto' ? 'auto (the fastest present)' : b}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Epochs</span>
              <input
                type="number"
                min={1}
                max={10000}
                placeholder="default"
                value={epochs}
                onChange={(e) => setEpochs(e.target.value)}
                data-testid="compute-epochs"
              />
            </label>
          </>
        )}
        {pretrained && (
          <>
            <label className="field">
              <span>Model file</span>
              <input
                type="text"
                placeholder="/path/to/encoder.onnx"
                value={modelPath}
                onChange={(e) => setModelPath(e.target.value)}
                data-testid="compute-model"
              />
            </label>
            <label className="field">
              <span>Input size</span>
              <input
                type="number"
                min={8}
                max={4096}
                placeholder="the model's"
                value={inputSize}
                onChange={(e) => setInputSize(e.target.value)}
                data-testid="compute-input-size"
              />
            </label>
            <p className="muted">
              Images are resized to the model's input and fed as ingest stretched them (asinh per band); the CLI offers
              mean/std normalisation and a named output.
            </p>
          </>
        )}
        {spectraOnlyLearned && <p className="muted">Spectra are embedded by the learned methods only.</p>}
      </section>
      <InterruptedRuns disabled={busy} backend={backend} onResume={onClose} />
      <div className="dialog-actions">
        <button className="primary" disabled={busy || blocked} onClick={run} data-testid="compute-run">
          {busy ? 'A job is running…' : 'Compute'}
        </button>
      </div>
    </ModalDialog>
  );
}

/**
 * Learned runs that stopped before they finished (cancelled, failed, or their process killed):
 * each resumes from its last epoch's checkpoint with its own parameters, then ranks and maps.
 */
function InterruptedRuns({
  disabled,
  backend,
  onResume,
}: {
  disabled: boolean;
  backend: Backend;
  onResume: () => void;
}) {
  const status = useAppState((s) => s.status);
  const runs = (status?.unfinished ?? []).filter(
    (r) => r.kind === 'embedding' && isLearnedEmbedMethod(r.method) && r.status !== 'running',
  );
  if (runs.length === 0) return null;
  const resume = (run: (typeof runs)[number]): void => {
    if (!isLearnedEmbedMethod(run.method)) return;
    void appStore().computeAll({ method: run.method, resume: run.id, backend });
    onResume();
  };
  return (
    <section aria-label="Interrupted runs" data-testid="interrupted-runs">
      <h3>Interrupted runs</h3>
      {runs.map((run) => (
        <div
          className="interrupted-run"
          key={run.id}
          data-testid="interrupted-run"
          data-run={run.id}
          title={run.message ?? undefined}
        >
          <span>
            {run.method}, started{' '}
            {new Date(run.created).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })} ({run.status}
            )
          </span>
          <button disabled={disabled} onClick={() => resume(run)} data-testid="resume-run">
            Resume
          </button>
        </div>
      ))}
    </section>
  );
}
