// The inspector's view of a spectrum object, in place of the image: the plot, the redshift
// its line markers are drawn at (starting from the catalog's, else the file's), toggles for
// the error band and the markers, and a legend telling emission from absorption.
import { useEffect, useState } from 'react';
import type { ObjectSpectrum } from '../../../../electron/core/api/view-types.js';
import { appStore } from '../../state/app-store.js';
import { SpectrumPlot } from './SpectrumPlot.js';
import { RedshiftControl } from './RedshiftControl.js';

export function SpectrumView({ id }: { id: number }) {
  const store = appStore();
  const [spectrum, setSpectrum] = useState<ObjectSpectrum | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [z, setZ] = useState(0);
  const [showErrors, setShowErrors] = useState(true);
  const [showLines, setShowLines] = useState(true);

  useEffect(() => {
    let live = true;
    setSpectrum(null);
    setFailure(null);
    void store.api.call('objectSpectrum', id).then(
      (s) => {
        if (!live) return;
        setSpectrum(s);
        setZ(s.z ?? 0);
      },
      (err: Error) => live && setFailure(err.message),
    );
    return () => {
      live = false;
    };
  }, [id, store]);

  if (failure)
    return (
      <div className="spectrum-view loading" role="alert">
        Cannot read the spectrum: {failure}
      </div>
    );
  if (!spectrum) return <div className="spectrum-view loading">Loading spectrum…</div>;
  return (
    <div className="spectrum-view" data-testid="spectrum-view">
      <SpectrumPlot
        spectrum={spectrum}
        z={z}
        showErrors={showErrors && spectrum.sigma !== null}
        showLines={showLines}
      />
      <div className="spectrum-controls">
        <RedshiftControl z={z} onChange={setZ} initial={spectrum.z} initialSource={spectrum.zSource} />
        <label className="toggle">
          <input type="checkbox" checked={showLines} onChange={(e) => setShowLines(e.target.checked)} /> lines
        </label>
        {spectrum.sigma && (
          <label className="toggle">
            <input type="checkbox" checked={showErrors} onChange={(e) => setShowErrors(e.target.checked)} /> ±1σ
          </label>
        )}
      </div>
      <div className="spectrum-legend" aria-label="Legend">
        <span className="key flux">flux</span>
        {spectrum.sigma && <span className="key error">±1σ</span>}
        <span className="key masked">masked</span>
        <span className="key emission">emission</span>
        <span className="key absorption">absorption</span>
        {spectrum.class && (
          <span className="muted">
            {spectrum.class}
            {spectrum.z !== null ? ` at z = ${show(spectrum.z)} (${spectrum.zSource})` : ''}
          </span>
        )}
      </div>
      <div className="spectrum-source muted" data-testid="spectrum-source">
        {spectrum.wavelengthNote} · read as {spectrum.layout}
        {spectrum.modelGrid === 'none'
          ? ' · no model input: outside every model grid, so not embedded or ranked'
          : spectrum.modelGrid
            ? ` · model grid: ${spectrum.modelGrid}`
            : ''}
      </div>
    </div>
  );
}

const show = (z: number) => String(Number(z.toFixed(5)));
