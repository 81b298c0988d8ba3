/**
 * The model's notes under a result (issue 5): asked for after the protocol result is on
 * screen, because a CPU laptop takes seconds to answer. The notes only add: the protocol
 * result above them is final, and the node's safety gate has already dropped any line that
 * contradicted it (counted here, so the health worker knows something was overruled).
 *
 * Asked only when the status says the clinic has a model; once both the notes and the saved
 * encounter are here, in either order, the notes are kept with the encounter (the node stores
 * what its own gate passed, found by the `notesId` it gave; a repeat is a no-op there).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.js';
import type { ModelNotes as Notes } from '../../api-types.js';
import { t } from '../../i18n.js';
import { ModelNotesBody } from './model-notes-body.js';

interface ModelReply {
  model: Notes | null;
  notesId: string | null;
}

type State =
  { kind: 'waiting' } | { kind: 'none' } | { kind: 'done'; notes: Notes; notesId: string | null };

interface Props {
  request: { case: unknown; lang: string };
  /** The encounter this result was saved as; null until saved. */
  encounterId: string | null;
  /** From the status: false, do not ask; null, not known (ask, as older nodes expect). */
  available: boolean | null;
}

function useNotes(request: Props['request'], ask: boolean): State {
  const [state, setState] = useState<State>({ kind: 'waiting' });
  useEffect(() => {
    if (!ask) return undefined;
    let live = true;
    setState({ kind: 'waiting' });
    api<ModelReply>('POST', '/api/consult/model', request).then(
      (r) =>
        live &&
        setState(r.model ? { kind: 'done', notes: r.model, notesId: r.notesId } : { kind: 'none' }),
      // The model failed here: the protocol result stands alone.
      () => live && setState({ kind: 'none' }),
    );
    return () => {
      live = false;
    };
  }, [request, ask]);
  return state;
}

/** Attaches the notes to the saved encounter once; true when the node has them. */
function useKeptNotes(state: State, encounterId: string | null): boolean {
  const [kept, setKept] = useState(false);
  const sent = useRef<string | null>(null);
  const notesId = state.kind === 'done' ? state.notesId : null;
  useEffect(() => {
    if (!notesId || !encounterId || sent.current === notesId) return;
    sent.current = notesId;
    const path = `/api/encounters/${encodeURIComponent(encounterId)}/model-notes`;
    api('POST', path, { notesId }).then(
      () => setKept(true),
      // Not kept (the node restarted, say): the notes stay on screen for this consult.
      () => setKept(false),
    );
  }, [notesId, encounterId]);
  return kept;
}

export function ModelNotes({ request, encounterId, available }: Props) {
  const state = useNotes(request, available !== false);
  const kept = useKeptNotes(state, encounterId);

  if (available === false) {
    return (
      <section aria-labelledby="model-title">
        <h3 id="model-title">{t('model.title')}</h3>
        <p class="hint" data-testid="model-unavailable">
          {t('model.unavailable')}
        </p>
      </section>
    );
  }
  if (state.kind === 'none') return null;
  return (
    <section aria-labelledby="model-title" aria-busy={state.kind === 'waiting'}>
      <h3 id="model-title">{t('model.title')}</h3>
      {state.kind === 'waiting' ? (
        <p class="hint">{t('model.waiting')}</p>
      ) : (
        <ModelNotesBody notes={state.notes} />
      )}
      {kept && (
        <p class="hint" role="status" data-testid="model-kept">
          {t('model.kept')}
        </p>
      )}
    </section>
  );
}
