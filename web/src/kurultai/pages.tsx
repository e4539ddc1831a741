// The Kurultai: the chamber by party, the bill pipeline by stage, a bill's page (readings, votes,
// amendments, the rules applied), offices and who holds or acts in them, and open deadlines. The
// register's state is asked as of a date (?date=), so any past day can be shown and shared.
import { ErrorBox, Loading, recordHref, useFetch, useTitle } from '../components/common';
import { formatDay, lang, useT, type MessageKey } from '../i18n';
import { useStore } from '../store';
import { href } from '../router';
import { Hemicycle, type PartySeats } from './hemicycle';

type Any = any;
const palette = ['#0b5d7a', '#c8553d', '#2a9d8f', '#e9c46a', '#6d597a', '#588157', '#bc4749', '#3d5a80'];
const stages = ['introduced', 'in_readings', 'reading_failed', 'readings_done', 'senate_approved', 'adopted', 'sent_to_president', 'returned_by_president', 'overridden', 'signed', 'rejected', 'lapsed'];

/** A JSON map or a list of objects as a list. */
function list(value: Any, key = 'id'): Any[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  if (Array.isArray(value.items)) return value.items;
  return Object.entries(value).map(([name, item]) => (typeof item === 'object' && item !== null ? { [key]: name, ...item } : { [key]: name, value: item }));
}

function stageLabel(stage: string, t: ReturnType<typeof useT>): string {
  const key = `stage.${stage}` as MessageKey;
  const text = t(key);
  return text === key ? stage.replace(/_/g, ' ') : text;
}

function officeLabel(office: string, t: ReturnType<typeof useT>): string {
  const key = `office.${office}` as MessageKey;
  const text = t(key);
  return text === key ? office.replace(/_/g, ' ') : text;
}

function DatePicker({ date, path }: { date: string; path: string }) {
  const t = useT();
  return (
    <form class="inline-form" method="get" action={path}>
      <label for="as-of">{t('kurultai.asOf')}</label>
      <input id="as-of" type="date" name="date" value={date} />
      <button type="submit" class="secondary">{t('kurultai.show')}</button>
    </form>
  );
}

function Chamber({ state }: { state: Any }) {
  const t = useT();
  const chamber = state.chamber ?? {};
  const composition = list(chamber.composition, 'party');
  const parties: PartySeats[] = composition
    .map((item, index) => ({
      party: String(item.party).startsWith('district:') ? t('kurultai.district', { name: String(item.party).slice(9) }) : item.party,
      seats: Number(item.seated ?? item.won ?? item.seats ?? 0),
      colour: item.colour ?? palette[index % palette.length],
    }))
    .filter((item) => item.seats > 0);
  const vacant = Number(chamber.vacant_seats ?? 0);
  if (vacant > 0 && parties.length > 0) parties.push({ party: t('kurultai.vacantSeats'), seats: vacant, colour: '#d0d0d0' });
  if (parties.length === 0) return <p>{t('kurultai.noChamber')}</p>;
  return (
    <>
      <Hemicycle parties={parties} title={t('kurultai.chamberTitle')} />
      {chamber.certified && <p class="muted small">{t('kurultai.certified', { date: formatDay(chamber.certified) })}</p>}
    </>
  );
}

function Offices({ state }: { state: Any }) {
  const t = useT();
  const offices = list(state.offices, 'office');
  const acting = state.acting?.president ? { office: 'president', ...state.acting.president } : null;
  return (
    <section aria-labelledby="offices-title">
      <h2 id="offices-title">{t('kurultai.offices')}</h2>
      {acting?.person && <p class="notice">{t('kurultai.acting', { person: acting.person, office: officeLabel(acting.office ?? 'president', t), by: officeLabel(acting.by_office ?? '', t) })}</p>}
      <table class="table">
        <thead><tr><th scope="col">{t('kurultai.office')}</th><th scope="col">{t('kurultai.holder')}</th><th scope="col">{t('kurultai.since')}</th></tr></thead>
        <tbody>{offices.map((office) => {
          const holders = list(office.holders, 'person');
          return (
            <tr><th scope="row">{officeLabel(String(office.office ?? office.name ?? ''), t)}</th>
              <td>{holders.length ? holders.map((holder) => holder.person).join(', ') : <em>{t('kurultai.vacant')}</em>}
                {office.acting?.person && <span class="muted small"> · {t('kurultai.actingHolder', { person: office.acting.person })}</span>}</td>
              <td>{holders[0]?.since ? formatDay(holders[0].since) : office.vacant_since ? formatDay(office.vacant_since) : ''}</td></tr>
          );
        })}</tbody>
      </table>
    </section>
  );
}

function Deadlines({ state }: { state: Any }) {
  const t = useT();
  const open = list(state.deadlines).filter((deadline) => (deadline.status ?? (deadline.met_on ? 'met' : 'open')) !== 'met');
  return (
    <section aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t('kurultai.deadlines')}</h2>
      {open.length === 0 ? <p>{t('kurultai.noDeadlines')}</p> : (
        <table class="table">
          <thead><tr><th scope="col">{t('kurultai.what')}</th><th scope="col">{t('kurultai.due')}</th><th scope="col">{t('kurultai.status')}</th><th scope="col">{t('kurultai.rule')}</th></tr></thead>
          <tbody>{open.map((deadline) => (
            <tr class={deadline.status === 'missed' ? 'missed' : ''}><td>{deadline.description}</td><td>{deadline.due ? formatDay(deadline.due) : ''}</td>
              <td>{deadline.status === 'missed' ? t('kurultai.missed') : t('kurultai.open')}</td><td>{deadline.rule}</td></tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

function Pipeline({ bills, date }: { bills: Any[]; date: string }) {
  const t = useT();
  const present = stages.filter((stage) => bills.some((bill) => bill.stage === stage));
  const others = [...new Set(bills.map((bill) => bill.stage).filter((stage) => !stages.includes(stage)))];
  return (
    <div class="pipeline">
      {[...present, ...others].map((stage) => {
        const inStage = bills.filter((bill) => bill.stage === stage);
        return (
          <section class="stage" aria-labelledby={`stage-${stage}`}>
            <h3 id={`stage-${stage}`}>{stageLabel(stage, t)} <span class="count">{inStage.length}</span></h3>
            <ul>{inStage.map((bill) => (
              <li><a href={href(`/kurultai/bills/${encodeURIComponent(bill.id)}`, { date })}>{bill.title || bill.id}</a>
                <span class="muted small"> {bill.id}{bill.kind === 'constitutional' ? ` · ${t('kurultai.constitutional')}` : ''}{bill.priority_since ? ` · ${t('kurultai.priority')}` : ''}</span></li>
            ))}</ul>
          </section>
        );
      })}
    </div>
  );
}

function Overview({ date }: { date: string }) {
  const t = useT();
  useTitle(t('kurultai.title'));
  const state = useFetch<Any>(href('/api/v1/kurultai/state', { date }));
  const bills = useFetch<Any>(href('/api/v1/kurultai/bills', { date }));
  return (
    <div class="kurultai">
      <h1 tabIndex={-1}>{t('kurultai.title')}</h1>
      <p class="lead">{t('kurultai.lead')}</p>
      <DatePicker date={date} path="/kurultai" />
      {state.loading && <Loading />}
      <ErrorBox error={state.error} />
      {state.data && (
        <>
          {state.data.as_of && <p class="muted">{t('kurultai.stateOn', { date: formatDay(state.data.as_of) })}</p>}
          <div class="kurultai-top">
            <section aria-labelledby="chamber-title"><h2 id="chamber-title">{t('kurultai.chamber')}</h2><Chamber state={state.data} /></section>
            <Deadlines state={state.data} />
          </div>
          <section aria-labelledby="bills-title">
            <h2 id="bills-title">{t('kurultai.bills')}</h2>
            <Pipeline bills={list(bills.data?.bills ?? bills.data?.items ?? state.data.bills)} date={date} />
            <p><a href={href('/kurultai/acts', { date })}>{t('kurultai.acts')}</a></p>
          </section>
          <Offices state={state.data} />
        </>
      )}
    </div>
  );
}

/** A bill's title in the interface language, else its main title. */
function billTitle(bill: Any, language: string): string {
  const titles = bill?.titles ?? {};
  return titles[language === 'kk-Latn' ? 'kk' : language] ?? bill?.title ?? '';
}

const choices = ['yes', 'no', 'abstain', 'absent'] as const;

/** The deputies of one roll call, grouped by how they voted. */
function RollCall({ rollCall }: { rollCall: Record<string, string> }) {
  const t = useT();
  const names = Object.keys(rollCall).sort();
  return (
    <div class="roll-call">
      {choices.map((choice) => {
        const who = names.filter((name) => rollCall[name] === choice);
        if (who.length === 0) return null;
        return <p><strong>{t(`kurultai.${choice}`)} ({who.length}):</strong> {who.join(', ')}</p>;
      })}
    </div>
  );
}

function Readings({ readings }: { readings: Any[] }) {
  const t = useT();
  if (readings.length === 0) return null;
  return (
    <section aria-labelledby="votes-title">
      <h2 id="votes-title">{t('kurultai.votes')}</h2>
      <table class="table readings">
        <thead><tr><th scope="col">{t('kurultai.when')}</th><th scope="col">{t('kurultai.reading')}</th><th scope="col">{t('kurultai.yes')}</th><th scope="col">{t('kurultai.no')}</th><th scope="col">{t('kurultai.abstain')}</th><th scope="col">{t('kurultai.absent')}</th><th scope="col">{t('kurultai.outcome')}</th></tr></thead>
        <tbody>{readings.map((reading) => (
          <tr><td>{reading.date ? formatDay(reading.date) : ''}</td><td>{t('kurultai.readingNumber', { n: reading.reading ?? 0 })}</td>
            <td>{reading.vote?.yes ?? ''}</td><td>{reading.vote?.no ?? ''}</td><td>{reading.vote?.abstain ?? ''}</td><td>{reading.vote?.absent ?? ''}</td>
            <td>{reading.result === 'passed' ? t('kurultai.passed') : reading.result === 'failed' ? t('kurultai.failed') : reading.result ?? ''}</td></tr>
        ))}</tbody>
      </table>
      {readings.filter((reading) => reading.vote?.roll_call && Object.keys(reading.vote.roll_call).length > 0).map((reading) => (
        <details class="roll-call-details">
          <summary>{t('kurultai.rollCallOf', { n: reading.reading ?? 0, date: reading.date ? formatDay(reading.date) : '' })}</summary>
          <RollCall rollCall={reading.vote.roll_call} />
        </details>
      ))}
    </section>
  );
}

function BillPage({ id, date }: { id: string; date: string }) {
  const t = useT();
  const language = useStore(lang);
  const bill = useFetch<Any>(href(`/api/v1/kurultai/bills/${encodeURIComponent(id)}`, { date }));
  const data = bill.data;
  const title = data ? billTitle(data, language) || id : id;
  useTitle(title);
  const steps: Any[] = data?.steps ?? [];
  const introduced = data?.introduced ?? steps.find((step) => step.type === 'bill_introduced')?.date;
  const readingsPassed = (data?.readings ?? []).filter((reading: Any) => reading.result === 'passed').length;
  return (
    <div class="kurultai">
      <nav aria-label={t('record.breadcrumbs')} class="breadcrumbs"><ol><li><a href={href('/kurultai', { date })}>{t('kurultai.title')}</a></li><li aria-current="page">{id}</li></ol></nav>
      <h1 tabIndex={-1}>{title}</h1>
      {bill.loading && <Loading />}
      <ErrorBox error={bill.error} />
      {data && (
        <>
          <dl class="metadata">
            <div class="field"><dt>{t('kurultai.stage')}</dt><dd>{stageLabel(data.stage, t)}</dd></div>
            {data.number && <div class="field"><dt>{t('kurultai.number')}</dt><dd>{data.number}</dd></div>}
            {data.initiator && <div class="field"><dt>{t('kurultai.initiator')}</dt><dd>{initiatorLabel(data.initiator, t)}{data.sponsor ? ` (${data.sponsor})` : ''}</dd></div>}
            {data.kind && <div class="field"><dt>{t('kurultai.kind')}</dt><dd>{data.kind === 'constitutional' ? t('kurultai.constitutional') : t('kurultai.ordinary')}</dd></div>}
            {introduced && <div class="field"><dt>{t('kurultai.introduced')}</dt><dd>{formatDay(introduced)}</dd></div>}
            <div class="field"><dt>{t('kurultai.readings')}</dt><dd>{t('kurultai.readingsPassed', { n: data.readings_passed ?? readingsPassed })}</dd></div>
            {data.adopted_on && <div class="field"><dt>{t('kurultai.adopted')}</dt><dd>{formatDay(data.adopted_on)}</dd></div>}
            {data.signed_on && <div class="field"><dt>{t('kurultai.signed')}</dt><dd>{formatDay(data.signed_on)}</dd></div>}
            {data.in_force && <div class="field"><dt>{t('kurultai.inForce')}</dt><dd>{formatDay(data.in_force)}</dd></div>}
            {data.record && <div class="field"><dt>{t('kurultai.published')}</dt><dd><a href={recordHref(data.record)}>{data.record}</a></dd></div>}
          </dl>
          <Readings readings={data.readings ?? []} />
          {list(data.amendments).length > 0 && (
            <section aria-labelledby="amendments-title">
              <h2 id="amendments-title">{t('kurultai.amendments')}</h2>
              <ul>{list(data.amendments).map((amendment) => <li>{amendment.id && <strong>{amendment.id} </strong>}{amendment.text} <span class="muted small">{amendment.by} · {amendment.tabled ? formatDay(amendment.tabled) : ''} · {amendment.adopted ? t('kurultai.passed') : t('kurultai.failed')}</span></li>)}</ul>
            </section>
          )}
          {list(data.versions).length > 0 && (
            <section aria-labelledby="versions-title">
              <h2 id="versions-title">{t('history.versions')}</h2>
              <ol class="trace">{list(data.versions).map((version) => (
                <li><time>{version.date ? formatDay(version.date) : ''}</time> {version.label}
                  {data.record && version.record_version && <> · <a href={`${recordHref(data.record)}?version=${version.record_version}`}>{t('kurultai.textVersion', { n: version.record_version })}</a></>}
                  {version.languages?.length ? <span class="muted small"> ({version.languages.join(', ')})</span> : null}</li>
              ))}</ol>
            </section>
          )}
          <section aria-labelledby="trace-title">
            <h2 id="trace-title">{t('kurultai.history')}</h2>
            <ol class="trace">{steps.map((step) => (
              <li><time>{step.date ? formatDay(step.date) : ''}</time> {step.label}{step.rule && <span class="muted small"> — {t('kurultai.rule')}: {step.rule}</span>}
                <span class="muted small"> · <a href={href('/kurultai/acts', { from: step.position })}>#{step.position}</a></span></li>
            ))}</ol>
          </section>
        </>
      )}
    </div>
  );
}

function initiatorLabel(initiator: string, t: ReturnType<typeof useT>): string {
  const key = `initiator.${initiator}` as MessageKey;
  const text = t(key);
  return text === key ? initiator.replace(/_/g, ' ') : text;
}

/** The words of an act that say what it did, after its type and date. */
function actSummary(act: Any): string {
  const parts: string[] = [];
  for (const key of ['bill', 'person', 'office', 'party', 'ground', 'title', 'result', 'reference']) {
    const value = act[key];
    if (typeof value === 'string' && value) parts.push(value);
    else if (typeof value === 'number') parts.push(String(value));
  }
  if (typeof act.reading === 'number') parts.push(`#${act.reading}`);
  return parts.join(' · ');
}

const kActsPage = 50;

function Acts({ from }: { from: string }) {
  const t = useT();
  useTitle(t('kurultai.acts'));
  const after = from && Number(from) > 1 ? String(Number(from) - 1) : '';
  const acts = useFetch<Any>(href('/api/v1/kurultai/acts', { limit: String(kActsPage), cursor: after }));
  const entries: Any[] = acts.data?.entries ?? [];
  const next: string = acts.data?.next_cursor ?? '';
  return (
    <div class="kurultai">
      <nav aria-label={t('record.breadcrumbs')} class="breadcrumbs"><ol><li><a href={href('/kurultai', {})}>{t('kurultai.title')}</a></li><li aria-current="page">{t('kurultai.acts')}</li></ol></nav>
      <h1 tabIndex={-1}>{t('kurultai.acts')}</h1>
      {acts.data && <p class="muted">{t('kurultai.actsShown', { first: entries[0]?.position ?? 0, last: entries[entries.length - 1]?.position ?? 0, total: acts.data.total ?? entries.length })}</p>}
      {acts.loading && <Loading />}
      <ErrorBox error={acts.error} />
      <ol class="acts">{entries.map((entry) => (
        <li id={`act-${entry.position}`}><span class="muted small">#{entry.position}</span> <time>{entry.act?.date ? formatDay(entry.act.date) : ''}</time> <strong>{String(entry.act?.type ?? '').replace(/_/g, ' ')}</strong> {actSummary(entry.act ?? {})}
          <span class="muted small hash" title={entry.hash}> {String(entry.hash ?? '').slice(0, 12)}</span></li>
      ))}</ol>
      <nav class="pager" aria-label={t('kurultai.acts')}>
        {after && <a href={href('/kurultai/acts', { from: String(Math.max(1, Number(after) - kActsPage + 1)) })}>{t('kurultai.earlierActs')}</a>}
        {next && <a href={href('/kurultai/acts', { from: String(Number(next) + 1) })}>{t('kurultai.laterActs')}</a>}
      </nav>
    </div>
  );
}

export function KurultaiRoutes({ path, query }: { path: string; query: URLSearchParams }) {
  const date = query.get('date') ?? '';
  const bill = path.match(/^\/bills\/([^/]+)$/);
  if (bill) return <BillPage id={decodeURIComponent(bill[1])} date={date} />;
  if (path === '/acts') return <Acts from={query.get('from') ?? ''} />;
  return <Overview date={date} />;
}
