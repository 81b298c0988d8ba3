/**
 * The last status the status bar loaded, shared with the screens that depend on it (the
 * consult asks for model notes only when the clinic has a model), so no screen polls again.
 */
import { useEffect, useState } from 'preact/hooks';
import type { StatusView } from './api-types.js';

let last: StatusView | null = null;
const listeners = new Set<(status: StatusView | null) => void>();

export function publishStatus(status: StatusView | null): void {
  last = status;
  for (const listener of listeners) listener(status);
}

/**
 * True or false once the status says whether the clinic has a model; null while unknown
 * (not loaded yet, or a node that does not say).
 */
export function useModelAvailable(): boolean | null {
  const [status, setStatus] = useState(last);
  useEffect(() => {
    listeners.add(setStatus);
    return () => {
      listeners.delete(setStatus);
    };
  }, []);

  return status?.model?.available ?? null;
}
