// The speed issue's goals as a short table under the JSON report: each figure, its goal, met or not.
// Only what this run measured is listed; the benchmark never fails on a goal (it is not a test).

interface Row {
  figure: string;
  value: number;
  goal: number;
  unit: string;
}

import type { benchPopup } from './popup.ts';
import type { benchScan } from './scan.ts';
import type { benchSync } from './sync.ts';

type PopupReport = Awaited<ReturnType<typeof benchPopup>>;
type ScanReport = Awaited<ReturnType<typeof benchScan>>;
type SyncReport = Awaited<ReturnType<typeof benchSync>>;
interface SizeReport {
  popup: { start: { gzip: number } };
  allJsGzip: number;
  zip: number | null;
}
interface Report {
  popup?: PopupReport;
  scan?: ScanReport;
  bundle?: SizeReport;
  sync?: SyncReport;
}

function syncRows(sync: SyncReport | undefined): Row[] {
  if (!sync) return [];
  return [
    {
      figure: `sync: ${sync.accounts} accounts shown on B after arrival (KDF apart)`,
      value: sync.showAfterArrivalMedianMs,
      goal: 1000,
      unit: 'ms',
    },
  ];
}

function popupRows(popup: PopupReport | undefined): Row[] {
  if (!popup) return [];
  const rows: Row[] = [];
  const times = popup.timeToCodes;
  for (const [count, result] of Object.entries(times)) {
    rows.push({
      figure: `popup, ${count} accounts, awake / floor`,
      value: result.awake.ratio,
      goal: 1.5,
      unit: '×',
    });
    rows.push({
      figure: `popup, ${count} accounts, asleep / floor`,
      value: result.asleep.ratio,
      goal: 1.5,
      unit: '×',
    });
  }
  const counts = Object.keys(times).map(Number);
  const most = Math.max(...counts);
  if (times['10'] && most > 10)
    rows.push({
      figure: `popup open, ${most} / 10 accounts (awake)`,
      value:
        Math.round((times[String(most)]!.awake.popup.median / times['10'].awake.popup.median) * 100) / 100,
      goal: 1.2,
      unit: '×',
    });
  if (popup.scale) {
    rows.push({
      figure: `search keystroke, ${most} accounts (slowest)`,
      value: popup.scale.keystrokeMs.max,
      goal: 16,
      unit: 'ms',
    });
    rows.push({
      figure: `late frames scrolling ${most} accounts`,
      value: popup.scale.scroll.late,
      goal: 0,
      unit: '',
    });
    rows.push({ figure: `popup heap, ${most} accounts`, value: popup.scale.heapMB, goal: 5, unit: 'MB' });
  }
  return rows;
}

function scanRows(scan: ScanReport | undefined): Row[] {
  if (!scan) return [];
  return Object.entries(scan).flatMap(([size, result]) => [
    {
      figure: `scan ${size}, only on screen / capture`,
      value: result.ratios.onlyOnScreen,
      goal: 1.3,
      unit: '×',
    },
    ...(size.startsWith('3840')
      ? [
          {
            figure: `scan ${size}, image of page / capture`,
            value: result.ratios.imageOfPage,
            goal: 0.5,
            unit: '×',
          },
        ]
      : []),
    { figure: `scan ${size}, cold / capture`, value: result.ratios.cold, goal: 3, unit: '×' },
  ]);
}

function sizeRows(bundle: SizeReport | undefined): Row[] {
  if (!bundle) return [];
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  return [
    { figure: 'popup JS+CSS at start, gzip', value: kb(bundle.popup.start.gzip), goal: 40, unit: 'KB' },
    { figure: 'all JS, gzip', value: kb(bundle.allJsGzip), goal: 120, unit: 'KB' },
    ...(bundle.zip ? [{ figure: 'Chrome store zip', value: kb(bundle.zip), goal: 250, unit: 'KB' }] : []),
  ];
}

export function goalTable(report: Report): string {
  const rows = [
    ...popupRows(report.popup),
    ...scanRows(report.scan),
    ...sizeRows(report.bundle),
    ...syncRows(report.sync),
  ];
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((row) => row.figure.length));
  const lines = rows.map(
    (row) =>
      `${row.figure.padEnd(width)}  ${`${row.value}${row.unit}`.padStart(9)}  ≤ ${`${row.goal}${row.unit}`.padEnd(7)} ${row.value <= row.goal ? 'met' : 'NOT MET'}`,
  );
  return ['', `${'goal'.padEnd(width)}  ${'measured'.padStart(9)}  target`, ...lines].join('\n');
}
