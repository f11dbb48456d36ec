import {
  agencyGroupOf,
  agencyGroups,
  type AgencyFigures,
  type Band,
  type BandStatus,
  type EvaluationReport,
  type Figures,
} from '../evaluation-core';
import { shareNumber } from './number-formats';
import { agencyGroupLabels, nationalLabel, type BilingualLabel } from './vocabulary';

export const targetGroupKeys = ['regular', 'nonRegular'] as const;
export type TargetGroupKey = (typeof targetGroupKeys)[number];

export interface CoverageBar {
  readonly share: string | null;
  readonly status: BandStatus;
}

export interface CoverageRow {
  readonly label: string;
  readonly isTotal: boolean;
  readonly bars: Readonly<Record<TargetGroupKey, CoverageBar>>;
}

export interface CoverageSection {
  readonly title: BilingualLabel;
  readonly rows: readonly CoverageRow[];
}

export interface CoverageChart {
  /** Null before the programme's first phase: there is no band to draw. */
  readonly bands: Readonly<Record<TargetGroupKey, Band>> | null;
  /** The right end of the axis as a share: 1, or more when a roster is smaller than those trained. */
  readonly axisMax: number;
  readonly sections: readonly CoverageSection[];
}

export const statusColours: Readonly<Record<BandStatus, string>> = {
  below: '#c62828',
  within: '#2e7d32',
  above: '#1565c0',
  'no-roster': '#9e9e9e',
  'no-phase': '#616161',
};

export const bandFill = '#dcefdc';
export const bandEdge = '#66a36a';

/**
 * The coverage-against-target chart as data: the national and group totals, then each agency under
 * its group, in the report's order, so that the HTML and the PDF draw the same picture.
 */
export function coverageChart(report: EvaluationReport): CoverageChart {
  const totals: CoverageRow[] = [
    row(nationalLabel.vi, true, report.national),
    ...agencyGroups
      .filter((group) => report.agencyGroups[group].agencies > 0)
      .map((group) => row(agencyGroupLabels[group].vi, true, report.agencyGroups[group])),
  ];
  const sections: CoverageSection[] = [{ title: { vi: 'Toàn quốc và theo khối', en: 'National and by group' }, rows: totals }];
  for (const group of agencyGroups) {
    const agencies = report.agencies.filter((agency) => agencyGroupOf(agency.kind) === group);
    if (agencies.length > 0) {
      sections.push({ title: agencyGroupLabels[group], rows: agencies.map((agency) => row(agencyLabel(agency), false, agency)) });
    }
  }
  const shares = sections.flatMap((section) =>
    section.rows.flatMap((chartRow) => targetGroupKeys.map((key) => chartRow.bars[key].share)),
  );
  const largest = Math.max(1, ...shares.filter((share): share is string => share !== null).map(shareNumber));
  return {
    bands: report.phaseTargets.phase ? report.phaseTargets.phase.bands : null,
    axisMax: Math.ceil(largest * 5) / 5,
    sections,
  };
}

export function agencyLabel(agency: Pick<AgencyFigures, 'nameVi' | 'code' | 'agencyId'>): string {
  return agency.nameVi ?? agency.code ?? agency.agencyId;
}

/** Axis ticks every 20 percentage points, as shares. */
export function axisTicks(axisMax: number): number[] {
  return Array.from({ length: Math.round(axisMax * 5) + 1 }, (_, index) => index / 5);
}

function row(label: string, isTotal: boolean, figures: Figures): CoverageRow {
  return {
    label,
    isTotal,
    bars: {
      regular: { share: figures.share.regular, status: figures.band.regular },
      nonRegular: { share: figures.share.nonRegular, status: figures.band.nonRegular },
    },
  };
}

