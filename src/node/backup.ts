import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * `npm run backup` and `npm run restore` (docs/operations.md). The backup is SQLite's online
 * backup API (better-sqlite3's db.backup()), which copies a consistent snapshot while the server
 * keeps serving; the copy is then opened and checked with PRAGMA integrity_check.
 */
export interface IntegrityReport {
  ok: boolean;
  /** "ok", or SQLite's first problems. */
  result: string;
}

export function integrityCheck(path: string): IntegrityReport {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const result = rows.map((r) => r.integrity_check).join('; ');
    return { ok: result === 'ok', result };
  } finally {
    db.close();
  }
}

/** <dir>/kompetensbron-2026-11-28T09-00-00Z.db */
export function defaultBackupPath(now: Date, dir: string): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return join(dir, `kompetensbron-${stamp}.db`);
}

export async function backupDatabase(
  sourcePath: string,
  targetPath: string,
): Promise<IntegrityReport & { path: string; bytes: number; pages: number }> {
  if (!existsSync(sourcePath)) throw new Error(`no database at ${sourcePath}`);
  if (existsSync(targetPath)) throw new Error(`${targetPath} exists already; give another path`);
  mkdirSync(dirname(targetPath), { recursive: true });
  const source = new BetterSqlite3(sourcePath, { fileMustExist: true, timeout: 5000 });
  let pages = 0;
  try {
    const progress = await source.backup(targetPath);
    pages = progress.totalPages;
  } finally {
    source.close();
  }
  // The copy carries the live file's WAL flag; a backup should be one self-contained file.
  const copy = new BetterSqlite3(targetPath);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  return { ...integrityCheck(targetPath), path: targetPath, bytes: statSync(targetPath).size, pages };
}

/** True when another connection (a running server) has the database open. */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new BetterSqlite3(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    if (err instanceof Error && /locked|busy/i.test(err.message)) return true;
    throw err;
  } finally {
    db.close();
  }
}

export interface RestoreReport extends IntegrityReport {
  /** Where the database that was replaced now lies (null if there was none). */
  keptAside: string | null;
}

/**
 * Replaces the database at `targetPath` with the backup: the backup must pass integrity_check
 * first; the target must not be open in a server (unless `force`); the old file (and its -wal and
 * -shm) is renamed aside to `<target>.before-restore-<timestamp>`, never deleted.
 */
export function restoreDatabase(
  backupPath: string,
  targetPath: string,
  options: { force?: boolean; now?: Date } = {},
): RestoreReport {
  if (!existsSync(backupPath)) throw new Error(`no backup at ${backupPath}`);
  const checked = integrityCheck(backupPath);
  if (!checked.ok) throw new Error(`the backup fails integrity_check: ${checked.result}; nothing was changed`);
  if (!options.force && databaseInUse(targetPath)) {
    throw new Error(
      `${targetPath} is open in another process (a running server?). Stop it first, or pass --force; nothing was changed`,
    );
  }
  let keptAside: string | null = null;
  if (existsSync(targetPath)) {
    const stamp = (options.now ?? new Date())
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/:/g, '-');
    keptAside = `${targetPath}.before-restore-${stamp}`;
    renameSync(targetPath, keptAside);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(targetPath + suffix)) renameSync(targetPath + suffix, keptAside + suffix);
    }
  } else {
    mkdirSync(dirname(targetPath), { recursive: true });
  }
  copyFileSync(backupPath, targetPath);
  return { ...integrityCheck(targetPath), keptAside };
}
