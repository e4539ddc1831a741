// Upload a sheet (CSV) or a bag (ZIP) with progress, read the dry-run report, start the ingest
// and follow the job until it ends, with links to the records it made.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, request, upload } from '../api';
import { ErrorBox, recordHref, useTitle } from '../components/common';
import { formatBytes, formatNumber, useT } from '../i18n';
import { href, navigate } from '../router';

export interface IngestJobData {
  id: string; state: string; file_name?: string; dry_run?: boolean; error?: string;
  done?: number; total?: number; created?: string; finished?: string;
  report?: {
    ok?: boolean; created?: number; updated?: number; unchanged?: number; files?: number; bytes?: number;
    problems?: string[]; failures?: string[]; records?: { source: string; id: string }[];
  };
}

const finished = (state: string) => ['succeeded', 'failed', 'interrupted'].includes(state);

function usePolledJob(id: string | null): { job: IngestJobData | null; error: ApiError | null } {
  const [job, setJob] = useState<IngestJobData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!id) return;
    let stopped = false;
    let timer = 0;
    const poll = async () => {
      try {
        const next = await get<IngestJobData>(`/api/v1/ingests/${encodeURIComponent(id)}`);
        if (stopped) return;
        setJob(next);
        if (!finished(next.state)) timer = window.setTimeout(poll, 700);
      } catch (caught) {
        if (!stopped) setError(caught as ApiError);
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [id]);
  return { job, error };
}

export function JobReport({ job }: { job: IngestJobData }) {
  const t = useT();
  const report = job.report ?? {};
  const problems = [...(report.problems ?? []), ...(report.failures ?? [])];
  const stateKey = job.state === 'succeeded' ? 'job.done' : finished(job.state) ? 'job.failed' : 'job.running';
  return (
    <div class="job" data-testid="job" data-state={job.state}>
      <p role="status"><strong>{t(stateKey)}</strong>{job.file_name ? ` · ${job.file_name}` : ''}</p>
      {!finished(job.state) && (
        <p><progress max={job.total || 1} value={job.total ? job.done ?? 0 : undefined} aria-label={t('job.progress')} /> {job.total ? t('job.count', { done: job.done ?? 0, total: job.total }) : ''}</p>
      )}
      {report.created !== undefined && (
        <p data-testid="job-counts">{t('job.counts', { created: report.created ?? 0, updated: report.updated ?? 0, unchanged: report.unchanged ?? 0 })}
          {report.bytes ? ` · ${formatBytes(report.bytes)}` : ''}</p>
      )}
      {job.error && <p class="error">{job.error}</p>}
      {problems.length > 0 && (
        <>
          <h2>{t('job.problems', { n: problems.length })}</h2>
          <ul class="problems">{problems.map((problem) => <li>{problem}</li>)}</ul>
        </>
      )}
      {report.records && report.records.length > 0 && !job.dry_run && (
        <>
          <h2>{t('job.records')}</h2>
          <ul>{report.records.slice(0, 200).map((item) => <li><a href={recordHref(item.id)}>{item.id}</a> <span class="muted small">{item.source}</span></li>)}</ul>
        </>
      )}
    </div>
  );
}

export function Upload() {
  const t = useT();
  useTitle(t('curate.upload'));
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<IngestJobData | null>(null);
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const polled = usePolledJob(dryRunId);
  const report = polled.job ?? dryRun;
  const format = /\.(zip|tar|tgz|tar\.gz)$/i.test(file?.name ?? '') ? 'bag' : 'sheet';

  const check = async () => {
    if (!file) return;
    setError(null);
    setDryRun(null);
    setDryRunId(null);
    try {
      setProgress(0);
      const uploaded = await upload(file, setProgress);
      setUploadId(uploaded.upload);
      const job = await request<IngestJobData>('POST', '/api/v1/ingests', { upload: uploaded.upload, file_name: file.name, dry_run: true });
      if (finished(job.state)) setDryRun(job);
      else setDryRunId(job.id);
    } catch (caught) {
      setError(caught as Error);
    }
  };
  const start = async () => {
    if (!uploadId || !file) return;
    try {
      // The checked upload may be consumed by the dry run's job: the ingest takes a fresh one.
      setProgress(0);
      const uploaded = await upload(file, setProgress);
      const job = await request<IngestJobData>('POST', '/api/v1/ingests', { upload: uploaded.upload, file_name: file.name, dry_run: false });
      navigate(`/curate/ingests/${encodeURIComponent(job.id)}`);
    } catch (caught) {
      setError(caught as Error);
    }
  };
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t('curate.upload')}</h1>
      <p>{t('upload.lead')}</p>
      <form class="form" onSubmit={(event) => {
        event.preventDefault();
        void check();
      }}>
        <label for="ingest-file">{t('upload.file')}</label>
        <input id="ingest-file" type="file" accept=".csv,.zip,.tar,.tgz,text/csv,application/zip" required aria-describedby="ingest-file-help"
          onChange={(event) => {
            setFile((event.target as HTMLInputElement).files?.[0] ?? null);
            setUploadId(null);
            setDryRun(null);
            setDryRunId(null);
            setProgress(null);
          }} />
        <p id="ingest-file-help" class="help">{t('upload.fileHelp')}</p>
        {file && <p>{file.name} · {formatBytes(file.size)} · {format === 'bag' ? t('upload.bag') : t('upload.sheet')}</p>}
        {progress !== null && (
          <p><progress max={1} value={progress} aria-label={t('upload.progress')} /> {formatNumber(Math.round(progress * 100))} %</p>
        )}
        <button type="submit" disabled={!file} data-testid="dry-run">{t('upload.check')}</button>
      </form>
      <ErrorBox error={error ?? polled.error} />
      {report && (
        <section aria-labelledby="dry-run-title">
          <h2 id="dry-run-title">{t('upload.report')}</h2>
          <JobReport job={report} />
          {report.state === 'succeeded' && report.report?.ok !== false && (
            <p><button type="button" onClick={start} data-testid="start-ingest">{t('upload.start')}</button></p>
          )}
        </section>
      )}
    </div>
  );
}

export function IngestJob({ id }: { id: string }) {
  const t = useT();
  useTitle(t('job.title'));
  const { job, error } = usePolledJob(id);
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t('job.title')}</h1>
      <ErrorBox error={error} />
      {job && <JobReport job={job} />}
      {job && job.state === 'succeeded' && <p><a href={href('/search', { sort: '-date' })}>{t('job.search')}</a></p>}
    </div>
  );
}
