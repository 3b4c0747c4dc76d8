// The window: a top bar (views, colouring, help), the current view, the inspector for the
// selected object on the right, and the jobs strip at the bottom.
import { useEffect, useState } from 'react';
import { appStore, useAppState, type ViewName } from '../state/app-store.js';
import { probe } from '../state/test-hooks.js';
import { isAppKey, isKey, keysOf } from '../keyboard.js';
import { MapView } from './map/MapView.js';
import { Inspector } from './inspector/Inspector.js';
import { QueueView } from './queue/QueueView.js';
import { LabelsGallery } from './LabelsGallery.js';
import { FamiliesView } from './families/FamiliesView.js';
import { JobsPanel } from './JobsPanel.js';
import { HelpOverlay } from './HelpOverlay.js';
import { PipelinePrompt } from './PipelinePrompt.js';
import { WorkspaceChooser } from './WorkspaceChooser.js';
import { SettingsPanel } from './SettingsPanel.js';
import { ObjectSearch } from './ObjectSearch.js';
import { ComputeDialog } from './ComputeDialog.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { problemCount } from '../state/problems.js';
import { labelCounts } from '../state/label-summary.js';

const [MAP_KEY, QUEUE_KEY, LABELS_KEY, FAMILIES_KEY] = keysOf('app.views');
const VIEWS: { name: ViewName; title: string; key: string }[] = [
  { name: 'map', title: 'Map', key: MAP_KEY },
  { name: 'queue', title: 'Queue', key: QUEUE_KEY },
  { name: 'labels', title: 'Labels', key: LABELS_KEY },
  { name: 'families', title: 'Families', key: FAMILIES_KEY },
];

export function App() {
  const view = useAppState((s) => s.view);
  const selectedId = useAppState((s) => s.selectedId);
  const workspace = useAppState((s) => s.workspace);
  const status = useAppState((s) => s.status);
  const error = useAppState((s) => s.error);
  const store = appStore();
  const [panel, setPanel] = useState<'workspaces' | 'settings' | 'compute' | 'problems' | null>(null);
  const problems = problemCount(status);

  useEffect(() => {
    probe().selectedId = selectedId;
  }, [selectedId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isAppKey(event)) return;
      if (isKey('app.help', event.key)) store.set({ helpOpen: !store.get().helpOpen });
      else if (isKey('app.escape', event.key)) store.set({ helpOpen: false, selectedId: null, boxSelection: [] });
      else if (isKey('app.problems', event.key)) setPanel('problems');
      else if (store.get().view !== 'queue') {
        const target = VIEWS.find((v) => v.key === event.key);
        if (target) store.set({ view: target.name });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Serendip</span>
        <button
          className="workspace link"
          title={`${workspace?.root ?? ''} — switch workspace`}
          onClick={() => setPanel('workspaces')}
          data-testid="open-chooser"
        >
          {workspace?.name ?? '…'} ▾
        </button>
        <nav className="tabs">
          {VIEWS.map((v) => (
            <button
              key={v.name}
              className={view === v.name ? 'tab active' : 'tab'}
              onClick={() => store.set({ view: v.name })}
              title={`${v.title} (${v.key})`}
            >
              {v.title}
            </button>
          ))}
        </nav>
        <span className="counts" data-testid="top-counts">
          {status ? `${status.objects.toLocaleString('en-US')} objects · ${labelCounts(status)}` : ''}
        </span>
        {problems > 0 && (
          <button
            className="problems-button"
            onClick={() => setPanel('problems')}
            title={`Files that failed to ingest or were read with warnings (${keysOf('app.problems').join(', ')})`}
            data-testid="open-problems"
          >
            Problems ({problems.toLocaleString()})
          </button>
        )}
        <ObjectSearch />
        <button
          onClick={() => setPanel('compute')}
          title="Compute an embedding (features, PCA, learned), the anomaly ranking and the map"
          data-testid="open-compute"
        >
          Compute…
        </button>
        <button onClick={() => setPanel('settings')} title="Settings: label keys" data-testid="open-settings">
          Settings
        </button>
        <button
          className="help-button"
          onClick={() => store.set({ helpOpen: true })}
          title={`Keyboard shortcuts (${keysOf('app.help').join(', ')})`}
        >
          ?
        </button>
      </header>
      {error && (
        <div className="error-bar" role="alert">
          {error}
        </div>
      )}
      {/* Keyed by workspace: a switch remounts the views, so none keeps the old one's objects. */}
      <main className="main" key={workspace?.root}>
        <section className="view">
          <PipelinePrompt />
          {view === 'map' && <MapView />}
          {view === 'queue' && <QueueView />}
          {view === 'labels' && <LabelsGallery />}
          {view === 'families' && <FamiliesView />}
        </section>
        {selectedId !== null && view !== 'queue' && <Inspector id={selectedId} />}
      </main>
      <JobsPanel onShowProblems={() => setPanel('problems')} />
      <HelpOverlay />
      {panel === 'workspaces' && (
        <WorkspaceChooser onClose={() => setPanel(null)} onShowProblems={() => setPanel('problems')} />
      )}
      {panel === 'problems' && <ProblemsPanel onClose={() => setPanel(null)} />}
      {panel === 'settings' && <SettingsPanel onClose={() => setPanel(null)} />}
      {panel === 'compute' && <ComputeDialog onClose={() => setPanel(null)} />}
    </div>
  );
}
