import { useTranslation } from 'react-i18next';
import type { ProgrammeView } from './views';

const RANKS = ['director-general', 'deputy-director-general', 'division-level', 'specialist', 'other'] as const;

/** "117.1667" → "117,2" in Vietnamese, "117.2" in English: one place, rounded half up on the digits as the report's headline is. */
const onePlace = (decimal: string | null, language: string) => {
  if (decimal === null) return '—';
  const [whole = '0', fraction = ''] = decimal.split('.');
  const digits = `${fraction}00`;
  const tenths = BigInt(whole) * 10n + BigInt(digits[0] ?? '0') + (Number(digits[1]) >= 5 ? 1n : 0n);
  return `${tenths / 10n}${language === 'vi' ? ',' : '.'}${tenths % 10n}`;
};
const grouped = (count: number, language: string) => count.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB');

/** Kết quả thực hiện Đề án: the figures the programme's reviews publish, as the report states them. */
export function ProgrammeSummary({ programme }: { programme: ProgrammeView }) {
  const { t, i18n } = useTranslation('evaluations');
  const { national, agencyGroups } = programme;
  const figures: [string, string][] = [
    ['runsCompleted', grouped(national.runsCompleted, i18n.language)],
    ['learnerTimesAttended', grouped(national.learnerTimesAttended, i18n.language)],
    ['peopleAttended', grouped(national.peopleAttended, i18n.language)],
    ['learnerTimesCertified', grouped(national.learnerTimesCertified, i18n.language)],
    ['ministriesSending', grouped(agencyGroups.ministries.agenciesSending, i18n.language)],
    ['localitiesSending', grouped(agencyGroups.localities.agenciesSending, i18n.language)],
    ['seniorRuns', grouped(national.seniorRunsForLeaders, i18n.language)],
    ['foreignRuns', grouped(national.runsWithForeignLecturer, i18n.language)],
    ['averageClassSize', onePlace(national.classSize.average, i18n.language)],
    ['feedbackForms', grouped(national.feedback.fromAgencies + national.feedback.fromTrainees, i18n.language)],
  ];
  return (
    <section aria-labelledby="programme-title">
      <h2 id="programme-title">{t('programme.title')}</h2>
      <dl className="figures" data-programme>
        {figures.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`programme.${key}`)}</dt>
            <dd data-figure={key}>{value}</dd>
          </div>
        ))}
      </dl>
      <table>
        <caption>{t('programme.byRank')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('programme.rank')}</th>
            <th scope="col">{t('programme.learnerTimesAttended')}</th>
            <th scope="col">{t('programme.learnerTimesCertified')}</th>
          </tr>
        </thead>
        <tbody>
          {RANKS.map((rank) => (
            <tr key={rank}>
              <th scope="row">{t(`programme.ranks.${rank}`)}</th>
              <td>{grouped(national.byRank[rank]?.learnerTimesAttended ?? 0, i18n.language)}</td>
              <td>{grouped(national.byRank[rank]?.learnerTimesCertified ?? 0, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
