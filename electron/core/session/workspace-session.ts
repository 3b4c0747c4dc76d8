// The one workspace the window shows. Opening another closes this one only once the new
// one has opened, so a failed open leaves the user where they were. Closing cancels its
// jobs and waits for them before the database closes. No Electron here: tested directly.
import { SerendipService } from '../api/serendip-service.js';
import type { JobEvent } from '../api/view-types.js';
import { stepToAddObjects, stepsToExplore, type JobStep, type ObjectSource } from './pipeline-steps.js';

interface OpenWorkspace {
  dir: string;
  service: SerendipService;
  stopListening: () => void;
}

export class WorkspaceSession {
  private current: OpenWorkspace | null = null;

  /** @param onJobEvent receives every job event of whichever workspace is open */
  constructor(private readonly onJobEvent: (event: JobEvent) => void) {}

  get service(): SerendipService | null {
    return this.current?.service ?? null;
  }

  /** The open workspace's folder, or null: what serendip-file:// serves. */
  get root(): string | null {
    return this.current?.service.workspace.paths.root ?? null;
  }

  /**
   * Opens `dir` (creating it when asked), then queues the jobs that make it explorable
   * from `source`. Returns the queued job ids.
   */
  async open(dir: string, options: { create: boolean; source?: ObjectSource }): Promise<string[]> {
    await this.adopt(SerendipService.open(dir, { create: options.create, interactive: true }));
    return this.queue(options.source ?? { kind: 'none' });
  }

  /** Makes an already opened service the open workspace, queuing nothing; the session closes it. */
  async adopt(service: SerendipService): Promise<void> {
    const stopListening = service.jobRunner.onDidChangeJob(this.onJobEvent);
    const previous = this.current;
    this.current = { dir: service.workspace.paths.root, service, stopListening };
    if (previous) await this.shut(previous);
  }

  /**
   * Queues the missing steps on the open workspace. With objects to add, returns that one job: the rest (all of them
   * again, for each modality the workspace then holds) is queued when it has finished well.
   */
  queue(source: ObjectSource): string[] {
    const service = this.current?.service;
    if (!service) return [];
    const start = (steps: JobStep[]) => steps.map((step) => service.startJob(step.method, step.args).jobId);
    const add = stepToAddObjects(service.status(), source);
    if (!add) return start(stepsToExplore(service.status()));
    const [jobId] = start([add]);
    const stop = service.jobRunner.onDidChangeJob((event) => {
      if (event.type !== 'finished' || event.job.id !== jobId) return;
      stop();
      if (event.job.state === 'done' && this.current?.service === service)
        start(stepsToExplore(service.status(), { stale: true }));
    });
    return [jobId];
  }

  async close(): Promise<void> {
    const previous = this.current;
    this.current = null;
    if (previous) await this.shut(previous);
  }

  private async shut(open: OpenWorkspace): Promise<void> {
    open.stopListening();
    try {
      await open.service.jobRunner.dispose();
    } finally {
      open.service.close();
    }
  }
}
