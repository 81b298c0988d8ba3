/**
 * The result: urgent referral first, classifications in their severity colour (pink urgent
 * referral, yellow specific treatment, green home care), doses with the formulation, the
 * follow-up date, counselling, the guideline passage behind each line, and what to ask next.
 */
import type { ConsultResult, PassageLink } from '../../api-types.js';
import { formatDate, t } from '../../i18n.js';
import { PassageDetails } from './passage-details.js';

function Passages({ links }: { links: readonly PassageLink[] }) {
  return (
    <>
      {links.map((p) => (
        <PassageDetails key={p.id} link={p} />
      ))}
    </>
  );
}

// Most severe first, as the chart reads: pink, then yellow, then green.
const RANK = { 'urgent-referral': 0, 'specific-treatment': 1, 'home-care': 2 } as const;

function Classifications({ result }: { result: ConsultResult }) {
  const sorted = [...result.classifications].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return (
    <section aria-labelledby="cls-title">
      <h3 id="cls-title">{t('result.classifications')}</h3>
      <ul class="classifications">
        {sorted.map((c) => (
          <li key={c.id} class={`classification sev-${c.colour}`} data-severity={c.severity}>
            <strong>{t(`classifications.${c.id}`, { defaultValue: c.name })}</strong>
            <span class="sev-label">{t(`result.severity.${c.severity}`)}</span>
            {c.status === 'provisional' && <em class="provisional">{t('result.provisional')}</em>}
            {c.firedBy.length > 0 && (
              <small>
                {t('result.firedBy')}:{' '}
                {c.firedBy.map((f) => `${f.key} = ${String(f.value)}`).join(', ')}
              </small>
            )}
            <small class="citation">
              {c.citation.document} {c.citation.edition}, {c.citation.section}
            </small>
            <Passages links={c.passages} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Treatments({ result }: { result: ConsultResult }) {
  if (result.treatments.length === 0) return null;
  return (
    <section aria-labelledby="tx-title">
      <h3 id="tx-title">{t('result.treatments')}</h3>
      <ul class="plain">
        {result.treatments.map((tx) => (
          <li key={tx.id} class="treatment">
            <p>{tx.text}</p>
            {tx.dose?.formulation && (
              <small>
                {t('result.dose')}: {tx.dose.amount?.text} · {tx.dose.formulation}
              </small>
            )}
            <Passages links={tx.passages} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FollowUpAndCounselling({ result }: { result: ConsultResult }) {
  return (
    <>
      <section aria-labelledby="fu-title">
        <h3 id="fu-title">{t('result.followUp')}</h3>
        <p data-testid="follow-up">
          {result.followUp
            ? t('result.followUpOn', {
                days: result.followUp.days,
                date: formatDate(result.followUp.date),
              })
            : t('result.noFollowUp')}
        </p>
      </section>
      {result.counselling.length > 0 && (
        <section aria-labelledby="co-title">
          <h3 id="co-title">{t('result.counselling')}</h3>
          <ul class="plain">
            {result.counselling.map((c) => (
              <li key={c.id}>
                <p>{c.text}</p>
                <Passages links={c.passages} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function AskNext({ result }: { result: ConsultResult }) {
  const keys = [...result.toAssess, ...result.toAssessLater];
  return (
    <section aria-labelledby="ask-title">
      <h3 id="ask-title">{t('result.toAskNext')}</h3>
      {keys.length === 0 ? (
        <p>{t('result.nothingToAsk')}</p>
      ) : (
        <ul class="ask">
          {keys.slice(0, 12).map((k) => (
            <li key={k}>{t(`findings.${k}`, { defaultValue: k })}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SafetyAndNotes({ result }: { result: ConsultResult }) {
  const { alerts } = result.safety;
  return (
    <>
      {alerts.length > 0 && (
        <section aria-labelledby="safety-title">
          <h3 id="safety-title">{t('result.safety')}</h3>
          <ul class="plain">
            {alerts.map((a, i) => (
              <li key={i} class={`alert-${a.severity}`}>
                <strong>{a.drugs.join(' + ')}</strong>: {a.effect} {a.action}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.reminders.length > 0 && (
        <section aria-labelledby="rem-title">
          <h3 id="rem-title">{t('result.reminders')}</h3>
          <ul class="plain">
            {result.reminders.map((r, i) => (
              <li key={i}>{r.message}</li>
            ))}
          </ul>
        </section>
      )}
      {result.notes.length > 0 && (
        <section aria-labelledby="notes-title">
          <h3 id="notes-title">{t('result.notes')}</h3>
          <ul class="plain">
            {result.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function ResultView({ result }: { result: ConsultResult }) {
  return (
    <div class="result">
      {result.urgentReferral && (
        <p class="urgent-banner" role="alert">
          {t('result.urgentBanner')}
        </p>
      )}
      <p class="protocol">
        {t('consult.protocol')}: {result.protocol?.title ?? '-'} · {t('consult.edition')}:{' '}
        {result.edition.name}
        {result.knowledge.version &&
          ` · ${t('result.knowledgeVersion', { version: result.knowledge.version })}`}
      </p>
      <Classifications result={result} />
      <Treatments result={result} />
      <FollowUpAndCounselling result={result} />
      <AskNext result={result} />
      <SafetyAndNotes result={result} />
    </div>
  );
}
