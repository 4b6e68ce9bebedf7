/**
 * Observers of job runs (the metrics module counts them), kept per process or isolate. A module of
 * its own, importing nothing: the metrics middleware subscribes when it is loaded, and the runner,
 * which loads every feature, must not be on that path.
 */
export interface JobRunResult {
  name: string;
  ok: boolean;
  changed: number;
  durationMs: number;
  error?: string;
}

const listeners = new Set<(result: JobRunResult) => void>();

export function onJobRun(listener: (result: JobRunResult) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitJobRun(result: JobRunResult): void {
  for (const listener of listeners) listener(result);
}
