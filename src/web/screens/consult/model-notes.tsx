/**
 * The model's notes under a result (issue 5): asked for after the protocol result is on
 * screen, because a CPU laptop takes seconds to answer. The notes only add: the protocol
 * result above them is final, and the node's safety gate has already dropped any line that
 * contradicted it (counted here, so the health worker knows something was overruled).
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n.js';

interface ModelNotesBody {
  servedBy: string;
  contribution: {
    summary: string | null;
    /** Merged from the local and cloud answers, ranked by confidence weight. */
    differential: { text: string; confidence: string }[];
    redFlags: { text: string }[];
  };
  overruled: unknown[];
}

interface ModelReply {
  model: ModelNotesBody | null;
}

type State = { kind: 'waiting' } | { kind: 'none' } | { kind: 'done'; reply: ModelNotesBody };

export function ModelNotes({ request }: { request: { case: unknown; lang: string } }) {
  const [state, setState] = useState<State>({ kind: 'waiting' });
  useEffect(() => {
    let live = true;
    api<ModelReply>('POST', '/api/consult/model', request).then(
      (r) => live && setState(r.model ? { kind: 'done', reply: r.model } : { kind: 'none' }),
      // No model at this clinic (409) or it failed: the protocol result stands alone.
      () => live && setState({ kind: 'none' }),
    );
    return () => {
      live = false;
    };
  }, [request]);

  if (state.kind === 'none') return null;
  return (
    <section aria-labelledby="model-title" aria-busy={state.kind === 'waiting'}>
      <h3 id="model-title">{t('model.title')}</h3>
      {state.kind === 'waiting' ? (
        <p class="hint">{t('model.waiting')}</p>
      ) : (
        <ModelBody reply={state.reply} />
      )}
    </section>
  );
}

function ModelBody({ reply }: { reply: ModelNotesBody }) {
  const { summary, differential, redFlags } = reply.contribution;
  return (
    <>
      <p class="hint">{t('model.addsOnly', { path: reply.servedBy })}</p>
      {summary && <p data-testid="model-summary">{summary}</p>}
      {redFlags.length > 0 && (
        <ul class="plain">
          {redFlags.map((f) => (
            <li key={f.text}>{f.text}</li>
          ))}
        </ul>
      )}
      {differential.length > 0 && (
        <p>
          {t('model.differential')}: {differential.map((d) => d.text).join(', ')}
        </p>
      )}
      {reply.overruled.length > 0 && (
        <p class="hint">{t('model.overruled', { count: reply.overruled.length })}</p>
      )}
    </>
  );
}
