// "Go to object" in the top bar: type part of a name, pick from the matches, and the
// inspector opens on it. The map shows only the objects of one embedding (images, say),
// so this is how a user reaches everything else, spectra among them; `/` focuses it.
// A combobox by the ARIA pattern: arrows move through the list, Enter opens, Esc closes.
// Typed RA/Dec lists the nearest objects with their separation instead of names.
import { useEffect, useId, useRef, useState } from 'react';
import type { ObjectMatch } from '../../../electron/core/api/view-types.js';
import { COORDINATE_SEARCH_RADIUS_ARCSEC, parseSkyPosition } from '../../../electron/core/util/sky-coordinates.js';
import { appStore } from '../state/app-store.js';
import { isAppKey, isKey } from '../keyboard.js';
import './object-search.css';

const MATCHES = 8;
/** Typing pauses this long before a search is sent. */
const DEBOUNCE_MS = 120;

/** Separation as astronomers read it: arcseconds to 0.01″ close in, arcminutes further out. */
function formatSeparation(arcsec: number): string {
  return arcsec < 60 ? `${arcsec.toFixed(2)}″` : `${(arcsec / 60).toFixed(1)}′`;
}

/** What the list says when nothing matched: why typed coordinates are refused, or that none are near. */
function emptyMessage(query: string): string {
  const coordinates = parseSkyPosition(query);
  if (!coordinates) return 'no object matches';
  return 'error' in coordinates
    ? coordinates.error
    : `no object within ${COORDINATE_SEARCH_RADIUS_ARCSEC / 3600}° of these coordinates`;
}

export function ObjectSearch() {
  const store = appStore();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<ObjectMatch[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const query = text.trim();
    if (!query) return setMatches([]);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      store.api.callAbortable(controller.signal, 'findObjects', query, MATCHES).then(
        (found) => {
          setMatches(found);
          setActive(0);
        },
        (err: Error) => err.name !== 'AbortError' && store.set({ error: err.message }),
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isKey('app.search', e.key) || !isAppKey(e)) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const go = (match: ObjectMatch | undefined) => {
    if (!match) return;
    // The queue view has no inspector: show the object beside the map instead.
    if (store.get().view === 'queue') store.set({ view: 'map' });
    store.set({ selectedId: match.id, boxSelection: [] });
    setOpen(false);
    setText('');
    input.current?.blur();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (matches.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(matches[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
      if (!open || !matches.length) e.currentTarget.blur();
    }
  };

  const shown = open && text.trim() !== '';
  return (
    <div className="object-search">
      <input
        ref={input}
        type="search"
        value={text}
        placeholder="Go to object or RA Dec… (/)"
        aria-label="Go to object by name or RA/Dec"
        data-testid="object-search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && matches[active] ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {shown && (
        <ul className="object-search-list" id={listId} role="listbox" data-testid="object-search-list">
          {matches.length === 0 && <li className="muted">{emptyMessage(text)}</li>}
          {matches.map((m, i) => (
            <li
              key={m.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => go(m)}
              onMouseEnter={() => setActive(i)}
              data-testid="object-search-match"
            >
              {m.thumb ? <img src={store.api.fileUrl(m.thumb)} alt="" /> : <span className="no-thumb" />}
              <span className="match-name">{m.name}</span>
              {m.separationArcsec !== undefined && (
                <span className="separation" data-testid="object-search-separation">
                  {formatSeparation(m.separationArcsec)}
                </span>
              )}
              <span className={`modality ${m.modality}`}>{m.modality}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
