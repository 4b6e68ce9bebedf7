import { writeSync } from 'node:fs';

/**
 * Log lines for stdout, written once per turn of the event loop instead of one `console.log` (one
 * write system call, synchronous for files and pipes) per line. Under load a turn answers dozens of
 * requests, and writing each one's access-log line by itself cost about a tenth of the server's
 * CPU (a profile of the healthz benchmark). Lines are flushed on `setImmediate`, when 64 KiB are
 * waiting, and synchronously when the process exits (process.exit included), so what is lost on a
 * kill -9 is at most the lines of the turn in progress: the requests the turn answered were
 * written to their sockets in the same turn, so their lines may be lost with them but nothing
 * acknowledged goes unlogged for long.
 */
export function createStdoutLineWriter(
  out: NodeJS.WriteStream & { fd: number } = process.stdout,
): (line: string) => void {
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;

  const take = () => {
    const text = `${pending.join('\n')}\n`;
    pending = [];
    size = 0;
    return text;
  };
  const flush = () => {
    scheduled = false;
    if (pending.length > 0) out.write(take());
  };
  process.on('exit', () => {
    if (pending.length === 0) return;
    try {
      writeSync(out.fd, take());
    } catch {
      // stdout already closed: nothing to write to.
    }
  });

  return (line: string) => {
    pending.push(line);
    size += line.length;
    if (size >= 64 * 1024) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}
