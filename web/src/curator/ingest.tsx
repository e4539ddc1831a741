// Upload a sheet (CSV) or a bag (ZIP) with progress, read the dry-run report, start the ingest
// and follow the job until it ends, with links to the records it made.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, request, upload } from '../api';
import { ErrorBox, recordHref, useTitle } from '../components/common';
import { formatBytes, formatNumber, useT } from '../i18n';
import { href, navigate } from '../router';

export interface IngestJobData {
  id: string; status: string; dry_run?: boolean; error?: string | null;
  progress?: { done: number; total: number };
  report?: {
    created?: number; updated?: number; unchanged?: number; failed?: number;
    problems?: { row?: number; column?: string; message: string }[];
    records?: { id: string; title?: string; action?: string }[];
  };
}

const finished = (status: string) => ['succeeded', 'failed', 'done', 'completed', 'finished', 'cancelled'].includes(status);

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
        if (!finished(next.status)) timer = window.setTimeout(poll, 700);
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
  const progress = job.progress;
  return (
    <div class="job" data-testid="job" data-status={job.status}>
      <p role="status"><strong>{t(`job.${finished(job.status) ? (job.status === 'failed' ? 'failed' : 'done') : 'running'}` as never)}</strong></p>
      {progress && progress.total > 0 && (
        <p><progress max={progress.total} value={progress.done} aria-label={t('job.progress')} /> {t('job.count', { done: progress.done, total: progress.total })}</p>
      )}
      {(report.created !== undefined || report.updated !== undefined) && (
        <p data-testid="job-counts">{t('job.counts', { created: report.created ?? 0, updated: report.updated ?? 0, unchanged: report.unchanged ?? 0 })}</p>
      )}
      {job.error && <p class="error">{job.error}</p>}
      {report.problems && report.problems.length > 0 && (
        <>
          <h2>{t('job.problems', { n: report.problems.length })}</h2>
          <table class="table">
            <thead><tr><th scope="col">{t('job.row')}</th><th scope="col">{t('job.column')}</th><th scope="col">{t('job.message')}</th></tr></thead>
            <tbody>{report.problems.map((problem) => <tr><td>{problem.row ?? ''}</td><td>{problem.column ?? ''}</td><td>{problem.message}</td></tr>)}</tbody>
          </table>
        </>
      )}
      {report.records && report.records.length > 0 && !job.dry_run && (
        <>
          <h2>{t('job.records')}</h2>
          <ul>{report.records.slice(0, 200).map((item) => <li><a href={recordHref(item.id)}>{item.title || item.id}</a></li>)}</ul>
        </>
      )}
      <details><summary>{t('job.raw')}</summary><pre>{JSON.stringify(job, null, 2)}</pre></details>
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
  const format = file?.name.toLowerCase().endsWith('.zip') ? 'bag' : 'sheet';

  const check = async () => {
    if (!file) return;
    setError(null);
    setDryRun(null);
    setDryRunId(null);
    try {
      setProgress(0);
      const uploaded = await upload(file, setProgress);
      setUploadId(uploaded.upload);
      const job = await request<IngestJobData>('POST', '/api/v1/ingests', { upload: uploaded.upload, format, name: file.name, dry_run: true });
      if (finished(job.status)) setDryRun(job);
      else setDryRunId(job.id);
    } catch (caught) {
      setError(caught as Error);
    }
  };
  const start = async () => {
    if (!uploadId || !file) return;
    try {
      const job = await request<IngestJobData>('POST', '/api/v1/ingests', { upload: uploadId, format, name: file.name, dry_run: false });
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
        <input id="ingest-file" type="file" accept=".csv,.zip,text/csv,application/zip" required aria-describedby="ingest-file-help"
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
          {finished(report.status) && report.status !== 'failed' && (
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
      {job && finished(job.status) && <p><a href={href('/search', { sort: '-date' })}>{t('job.search')}</a></p>}
    </div>
  );
}
