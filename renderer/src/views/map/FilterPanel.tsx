// The map's filters in one panel: histograms to brush (HistogramPanel), the label filter, the
// name filter, how many objects are shown, and a button that clears every filter.
import type { MapData } from '../../../../electron/core/api/view-types.js';
import {
  countShown,
  describeFilter,
  isFilterActive,
  NO_FILTER,
  type MapFilter,
} from '../../../../electron/core/api/map-filter.js';
import { appStore, useAppState } from '../../state/app-store.js';
import type { LabelColumn } from '../../state/label-column.js';
import { HistogramPanel } from './HistogramPanel.js';
import type { AppliedFilter } from './useMapFilter.js';
import './map-filters.css';

/** The label menu's value: 'all', 'unlabelled', 'labelled' or 'label:<name>'. */
function labelChoice(filter: MapFilter): string {
  const { show, names } = filter.labels;
  return show === 'labelled' && names.length === 1 ? `label:${names[0]}` : show;
}

function labelsOf(choice: string): MapFilter['labels'] {
  if (choice.startsWith('label:')) return { show: 'labelled', names: [choice.slice(6)] };
  return { show: choice === 'labelled' ? 'labelled' : choice === 'unlabelled' ? 'unlabelled' : 'all', names: [] };
}

export function FilterPanel({
  map,
  labels,
  applied,
}: {
  map: MapData;
  labels: LabelColumn | null;
  applied: AppliedFilter;
}) {
  const store = appStore();
  const filter = useAppState((s) => s.filter);
  const chosen = useAppState((s) => s.histogramColumns);
  const shown = applied.mask ? countShown(applied.mask) : map.count;
  const active = isFilterActive(filter);
  return (
    <div className="filter-panel" data-testid="filter-panel">
      <HistogramPanel
        columns={applied.columns}
        columnErrors={applied.columnErrors}
        chosen={chosen}
        catalogColumns={map.metadataColumns.map((c) => c.key)}
        mask={applied.mask}
        filter={filter}
      />
      <div className="filter-row">
        <select
          value={labelChoice(filter)}
          onChange={(e) => store.setFilter({ ...filter, labels: labelsOf(e.target.value) })}
          data-testid="label-filter"
          aria-label="label filter"
        >
          <option value="all">all objects</option>
          <option value="unlabelled">unlabelled only</option>
          <option value="labelled">labelled only</option>
          {(labels?.names ?? []).map((name) => (
            <option key={name} value={`label:${name}`}>
              labelled {name}
            </option>
          ))}
        </select>
        <input
          type="search"
          placeholder="name…"
          value={filter.name}
          onChange={(e) => store.setFilter({ ...filter, name: e.target.value })}
          data-testid="name-filter"
          aria-label="name filter"
        />
      </div>
      <div className="filter-status" data-testid="filter-status">
        <span data-testid="filter-count">
          {shown.toLocaleString()} of {map.count.toLocaleString()} shown
        </span>
        {active && <span className="filter-desc">{describeFilter(filter)}</span>}
        <button onClick={() => store.setFilter(NO_FILTER)} disabled={!active} data-testid="clear-filters">
          Clear filters
        </button>
      </div>
    </div>
  );
}
