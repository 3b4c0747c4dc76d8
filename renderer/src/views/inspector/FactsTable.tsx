// The inspector's table of facts about one object: source path, size, sky position, scores and
// catalog values. Each method's score is written with its rank as the tooltip and queue write the
// score (object-score.ts); the current run's (the map's) is marked, since that is "the score".
// Kept readable in a narrow panel: a fixed key column that ellipsises long keys, values wrapped
// at word boundaries, long paths and long decimals shortened with the full text on hover.
import type { ObjectDetails } from '../../../../electron/core/api/view-types.js';
import { formatSexagesimal } from '../../../../electron/core/util/sky-coordinates.js';
import { formatCatalogValue, shortenPath } from './facts-format.js';
import { useAppState } from '../../state/app-store.js';
import { currentScore, scoreAndRank } from '../../state/object-score.js';

/** Degrees to 5 decimals: 0.036″, finer than any survey's astrometry. */
const DEGREE_DECIMALS = 5;

interface FactProps {
  name: string;
  children: React.ReactNode;
  full?: string;
  testId?: string;
}

function Fact({ name, children, full, testId }: FactProps) {
  return (
    <tr data-testid={testId}>
      <th title={name}>{name}</th>
      <td title={full}>{children}</td>
    </tr>
  );
}

export function FactsTable({ details }: { details: ObjectDetails }) {
  const { ra, dec } = details;
  const scoreRuns = useAppState((s) => s.map?.scoreRuns ?? null);
  const current = currentScore(details, scoreRuns);
  const size =
    details.modality === 'spectrum'
      ? `${details.width} pixels, spectrum`
      : `${details.width}×${details.height}${details.bands && details.bands > 1 ? `×${details.bands}` : ''} image`;
  return (
    <table className="facts" data-testid="facts">
      <tbody>
        <Fact name="path" full={details.path}>
          {shortenPath(details.path)}
        </Fact>
        <Fact name="size">{size}</Fact>
        {ra === null || dec === null ? (
          <Fact name="ra, dec">—</Fact>
        ) : (
          <>
            <Fact name="ra, dec">
              {ra.toFixed(DEGREE_DECIMALS)}, {dec >= 0 ? '+' : ''}
              {dec.toFixed(DEGREE_DECIMALS)}
            </Fact>
            <Fact name="hms, dms">{formatSexagesimal({ ra, dec })}</Fact>
          </>
        )}
        {details.scores.map((s) => (
          <Fact
            key={s.runId}
            name={s === current ? `${s.method} score` : s.method}
            full={String(s.score)}
            testId={s === current ? 'inspector-score' : undefined}
          >
            {scoreAndRank(s)}
          </Fact>
        ))}
        {Object.entries(details.metadata).map(([key, value]) => {
          const shown = formatCatalogValue(value);
          return (
            <Fact key={key} name={key} full={shown === value ? undefined : value}>
              {shown}
            </Fact>
          );
        })}
      </tbody>
    </table>
  );
}
