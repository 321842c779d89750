/** Engine progress as plain log lines (CI logs have no live line): start, every 25 %, end. */
import type { PhaseProgress, Progress } from '../progress/progress.js';

export function logProgress(log: (line: string) => void): Progress {
  return {
    info: (line) => log(line),
    phase(name, total): PhaseProgress {
      let count = 0;
      let failed = 0;
      let max = total;
      let lastQuarter = 0;
      log(`${name}${max !== undefined ? ` (${max})` : ''}…`);
      return {
        setTotal(t) {
          max = t;
        },
        tick(n = 1, isFailure = false) {
          count += n;
          if (isFailure) failed += n;
          if (max && max > 0) {
            const quarter = Math.floor((count / max) * 4);
            if (quarter > lastQuarter && quarter < 4) {
              lastQuarter = quarter;
              log(`${name}: ${count}/${max}`);
            }
          }
        },
        end(summary) {
          log(`${name}: ${summary ?? `${count}${max !== undefined ? `/${max}` : ''} done${failed ? `, ${failed} failed` : ''}`}`);
        },
      };
    },
  };
}
