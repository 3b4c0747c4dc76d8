// Settings > Compute devices: the `serendip doctor` report in the app. "Check devices" starts the
// computeDevices job (progress and cancel also show in the jobs strip; it waits for a running
// job, whose work would slow the probes); the last check's report stays in the jobs list, so it
// is shown again when Settings reopens. Each backend and provider: its status, its speed, and
// on a line of its own what it runs on or why it does not run.
import type { JobInfo } from '../../../electron/core/api/view-types.js';
import {
  DEVICE_STATUS_WORDS,
  deviceOrReason,
  providerDeviceOrReason,
  formatImagesPerSecond,
  type DeviceReport,
  type Throughput,
} from '../../../electron/core/compute/device-report.js';
import { appStore, useAppState } from '../state/app-store.js';
import './compute-devices.css';

function lastCheck(jobs: JobInfo[]): JobInfo | null {
  for (let i = jobs.length - 1; i >= 0; i--) if (jobs[i].method === 'computeDevices') return jobs[i];
  return null;
}

function Notes({ notes }: { notes: [string, Throughput | null][] }) {
  const shown = notes.filter(([, t]) => t?.note);
  return shown.map(([work, t]) => (
    <div key={work} className="device-note">
      {work}: {t!.note}
    </div>
  ));
}

function DeviceTables({ report }: { report: DeviceReport }) {
  const probe = report.probe;
  return (
    <>
      <p className="device-verdict" data-testid="device-verdict">
        {report.verdict.training}
      </p>
      <p className="device-verdict">{report.verdict.onnx}</p>
      <table className="device-table" data-testid="device-backends">
        <caption>
          TensorFlow.js backends
          {probe && ` (a ${probe.model}; images a second, ${probe.seconds} s each)`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Backend</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Training
            </th>
            <th scope="col" className="num">
              Encoding
            </th>
          </tr>
        </thead>
        {report.backends.map((b) => (
          <tbody key={b.name} data-testid="device-row" data-name={b.name} data-status={b.status}>
            <tr>
              <th scope="row">{b.name}</th>
              <td className={`device-status ${b.status}`}>
                {(b.optIn ? 'opt-in, ' : '') + DEVICE_STATUS_WORDS[b.status]}
              </td>
              <td className="num">{formatImagesPerSecond(b.training)}</td>
              <td className="num">{formatImagesPerSecond(b.encoding)}</td>
            </tr>
            <tr className="device-detail">
              <td colSpan={4}>
                {deviceOrReason(b)}
                {b.optIn && <div className="device-note">opt-in: {b.optIn}</div>}
                <Notes
                  notes={[
                    ['training', b.training],
                    ['encoding', b.encoding],
                  ]}
                />
              </td>
            </tr>
          </tbody>
        ))}
      </table>
      <table className="device-table" data-testid="device-providers">
        <caption>ONNX providers{report.onnxruntime && ` (onnxruntime-node ${report.onnxruntime})`}</caption>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Encoding
            </th>
          </tr>
        </thead>
        {report.providers.map((p) => (
          <tbody key={p.name} data-testid="provider-row" data-name={p.name} data-status={p.status}>
            <tr>
              <th scope="row">{p.name}</th>
              <td className={`device-status ${p.status}`}>
                {DEVICE_STATUS_WORDS[p.status]}
                {p.auto || p.status === 'unavailable' ? '' : ' (only when named)'}
              </td>
              <td className="num">{formatImagesPerSecond(p.encoding)}</td>
            </tr>
            <tr className="device-detail">
              <td colSpan={3}>
                {providerDeviceOrReason(p)}
                <Notes notes={[['encoding', p.encoding]]} />
              </td>
            </tr>
          </tbody>
        ))}
      </table>
      <p className="muted">
        Checked {new Date(report.checkedAt).toLocaleString()} on {report.host.cpu}. * a figure from a single step.
      </p>
    </>
  );
}

export function ComputeDevices() {
  const job = useAppState((s) => lastCheck(s.jobs));
  const busy = job?.state === 'queued' || job?.state === 'running';
  const report = job?.state === 'done' ? (job.result as DeviceReport) : null;
  const check = () => {
    appStore()
      .api.startJob('computeDevices', { probe: true })
      .catch((err: Error) => appStore().set({ error: err.message }));
  };
  return (
    <section aria-label="Compute devices" data-testid="compute-devices">
      <h3>Compute devices</h3>
      <p className="muted">
        Which GPU and CPU backends can train and encode here, on what, and how fast (about half a minute): what{' '}
        <code>serendip doctor</code> shows.
      </p>
      <div className="device-actions">
        <button type="button" onClick={check} disabled={busy} data-testid="check-devices">
          {busy ? 'Checking…' : 'Check devices'}
        </button>
        <span className="muted" role="status" data-testid="device-progress">
          {job?.state === 'queued' ? 'waiting for the running job' : job && busy ? job.stage : ''}
        </span>
      </div>
      {job?.state === 'failed' && (
        <div className="dialog-error" role="alert">
          {job.error}
        </div>
      )}
      {report && <DeviceTables report={report} />}
    </section>
  );
}
