// One object's details for a view (tooltip, inspector, queue, selection grid), through the
// store's cache, so hovering, inspecting and labelling the same object ask the server once.
import { useEffect, useState } from 'react';
import type { ObjectDetails } from '../../../electron/core/api/view-types.js';
import { appStore } from './app-store.js';

/**
 * The details of object `id`, or null until they come (never another object's, while the next loads). `version`:
 * ask again when it changes (labels changed); `onError`: what to do when the call fails (default: nothing).
 */
export function useObjectDetails(
  id: number,
  options: { version?: number; onError?: (err: Error) => void } = {},
): ObjectDetails | null {
  const store = appStore();
  const [details, setDetails] = useState<ObjectDetails | null>(null);
  const { version, onError } = options;
  useEffect(() => {
    let live = true;
    void store.objectDetails(id).then(
      (d) => live && setDetails(d),
      (err: Error) => live && onError?.(err),
    );
    return () => {
      live = false;
    };
    // onError is a callback for the moment of failure, not a reason to ask again.
  }, [id, version, store]);
  return details?.id === id ? details : null;
}
