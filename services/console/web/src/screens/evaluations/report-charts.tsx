import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption, MarkAreaComponentOption, MarkLineComponentOption } from 'echarts/components';
import type { Band, DeliveryFiguresView, EvaluationReportView } from './views';
import './evaluations.css';

type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | MarkAreaComponentOption | MarkLineComponentOption>;
type Translate = (key: string, options?: Record<string, unknown>) => string;

const percent = (share: string | null) => (share === null ? 0 : Math.round(Number(share) * 10_000) / 100);
const bandPercent = (band: Band) => [percent(band.min), percent(band.max)] as const;
const GROUPS = ['regular', 'nonRegular'] as const;

/** Coverage share against the band, per target group nationally and per agency, and the breakdowns the report holds. */
function chartOptions(report: EvaluationReportView, t: Translate, language: string): { id: string; title: string; option: ChartOption }[] {
  const bands = report.phaseTargets.phase?.bands ?? null;
  const groupNames = GROUPS.map((group) => t(`report.${group}`));
  const agencyNames = report.agencies.map((agency) => (language === 'vi' ? agency.nameVi : agency.nameEn) ?? agency.agencyId);
  const base = { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 48, right: 24, top: 48, bottom: 64, containLabel: true } } as const;
  const share = { type: 'value', name: t('report.share'), min: 0, max: 100 } as const;
  const delivery = (figures: Readonly<Record<string, DeliveryFiguresView>>, labels: string): ChartOption => {
    const keys = Object.keys(figures);
    return {
      ...base,
      xAxis: { type: 'category', data: keys.map((key) => t(`report.${labels}.${key}`, { defaultValue: key })), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['runsCompleted', 'learnerTimesAttended', 'learnerTimesCertified'] as const).map((measure) => ({
        type: 'bar',
        name: t(`report.${measure}`),
        data: keys.map((key) => figures[key]?.[measure] ?? 0),
      })),
    };
  };
  // One line per distinct bound: in phase 1 both groups share the band, and two labels on one line would overlap.
  const bandLines = bands
    ? [...new Set(GROUPS.flatMap((group) => bandPercent(bands[group])))].map((bound) => ({
        yAxis: bound,
        name: GROUPS.filter((group) => bandPercent(bands[group]).includes(bound))
          .map((group) => `${t(`report.${group}`)} ${bound === bandPercent(bands[group])[0] ? t('report.bandMin') : t('report.bandMax')}`)
          .join(' · '),
      }))
    : [];
  const ranks = Object.keys(report.byRank);
  return [
    {
      id: 'national',
      title: t('report.nationalCoverage'),
      option: {
        ...base,
        xAxis: { type: 'category', data: groupNames },
        yAxis: share,
        series: [
          {
            type: 'bar',
            name: t('report.share'),
            data: GROUPS.map((group) => percent(report.national.share[group])),
            label: { show: true, position: 'top', formatter: '{c}%' },
            markArea: bands
              ? {
                  itemStyle: { color: 'rgba(46, 125, 50, 0.15)' },
                  label: { position: 'insideTop', color: '#1a5e20' },
                  data: GROUPS.map((group, index) => {
                    const [min, max] = bandPercent(bands[group]);
                    return [
                      { xAxis: groupNames[index], yAxis: min, name: t('report.band', { min, max }) },
                      { xAxis: groupNames[index], yAxis: max },
                    ];
                  }) as never,
                }
              : undefined,
          },
        ],
      },
    },
    {
      id: 'agencies',
      title: t('report.agencyCoverage'),
      option: {
        ...base,
        xAxis: { type: 'category', data: agencyNames, axisLabel: { interval: 0, rotate: agencyNames.length > 6 ? 30 : 0 } },
        yAxis: share,
        series: GROUPS.map((group, index) => ({
          type: 'bar',
          name: groupNames[index],
          data: report.agencies.map((agency) => percent(agency.share[group])),
          ...(index === 0 && bandLines.length > 0 ? { markLine: { symbol: 'none', label: { formatter: '{b}: {c}%', position: 'insideEndTop' }, data: bandLines } } : {}),
        })),
      },
    },
    {
      id: 'by-rank',
      title: t('report.byRank'),
      option: {
        ...base,
        xAxis: { type: 'category', data: ranks.map((rank) => t(`report.ranks.${rank}`, { defaultValue: rank })), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: (['learnerTimesCertified', 'peopleCertified'] as const).map((measure) => ({
          type: 'bar',
          name: t(`report.${measure}`),
          data: ranks.map((rank) => report.byRank[rank]?.[measure] ?? 0),
        })),
      },
    },
    { id: 'by-level', title: t('report.byLevel'), option: delivery(report.byLevel, 'levels') },
    { id: 'by-format', title: t('report.byFormat'), option: delivery(report.byFormat, 'formats') },
  ];
}

/** What a screen reader is told of a chart: each series' value per category, in the chart's own words. */
function describe(title: string, option: ChartOption): string {
  const categories = ((option.xAxis as { data?: string[] } | undefined)?.data ?? []).map(String);
  const series = (option.series ?? []) as { name?: string; data?: number[] }[];
  const parts = series.map((one) => `${one.name ?? ''}: ${categories.map((category, index) => `${category} ${one.data?.[index] ?? 0}`).join(', ')}`);
  return `${title}. ${parts.join('. ')}.`;
}

/** ECharts and its Vietnamese locale are loaded only when a report is opened, never with the console's first page. */
export function ReportCharts({ report }: { report: EvaluationReportView }) {
  const { t, i18n } = useTranslation('evaluations');
  const charts = chartOptions(report, t as Translate, i18n.language);
  const containers = useRef<Record<string, HTMLDivElement | null>>({});
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    let disposed = false;
    const instances: { dispose(): void; resize(): void }[] = [];
    void import('./echarts-setup').then(({ echarts }) => {
      if (disposed) return;
      for (const chart of charts) {
        const element = containers.current[chart.id];
        if (!element) continue;
        const instance = echarts.init(element, null, { renderer: 'canvas', locale: i18n.language === 'vi' ? 'VI' : 'EN' });
        instance.setOption({ ...chart.option, aria: { enabled: true, label: { description: describe(chart.title, chart.option) } } });
        instances.push(instance);
      }
      setDrawn(true);
    });
    const resize = () => instances.forEach((instance) => instance.resize());
    window.addEventListener('resize', resize);
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      instances.forEach((instance) => instance.dispose());
    };
  }, [report, i18n.language]);

  return (
    <section aria-labelledby="charts-title" aria-busy={!drawn}>
      <h2 id="charts-title">{t('report.charts')}</h2>
      {!drawn && <p role="status">{t('report.chartsLoading')}</p>}
      <div className="charts">
        {charts.map((chart) => (
          <figure key={chart.id} className="chart" data-chart={chart.id}>
            <figcaption>{chart.title}</figcaption>
            <div
              className="chart-canvas"
              role="img"
              aria-label={chart.title}
              ref={(element) => {
                containers.current[chart.id] = element;
              }}
            />
          </figure>
        ))}
      </div>
    </section>
  );
}
