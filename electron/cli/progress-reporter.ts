// Progress on stderr (stdout stays clean for --json): a self-updating line on a
// terminal, an occasional plain line otherwise, with rate and ETA.
import type { Progress } from '../core/api/contract.js';

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): {
  report: (p: Progress) => void;
  end: () => void;
} {
  let stageStart = Date.now();
  let stage = '';
  let lastPrint = 0;
  let printed = false;
  return {
    report(p: Progress) {
      const now = Date.now();
      if (p.stage !== stage) {
        if (printed && stream.isTTY) stream.write('\n');
        stage = p.stage;
        stageStart = now;
        lastPrint = 0;
      }
      const finished = p.done >= p.total;
      if (!finished && now - lastPrint < (stream.isTTY ? 100 : 2000)) return;
      lastPrint = now;
      const seconds = (now - stageStart) / 1000;
      const rate = seconds > 0 ? p.done / seconds : 0;
      const eta = rate > 0 && !finished ? `, ETA ${Math.ceil((p.total - p.done) / rate)} s` : '';
      const percent = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
      const detail = p.detail ? ` (${p.detail})` : '';
      const line = `${p.stage}${detail}: ${p.done}/${p.total} (${percent}%), ${rate.toFixed(0)}/s${eta}`;
      stream.write(stream.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
      printed = true;
    },
    end() {
      if (printed && stream.isTTY) stream.write('\n');
      printed = false;
    },
  };
}
