import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { single, Table, useOfficeApi } from './office-shared';
import type { CourseDetailView } from './views';
import { instantText } from '../../dates';

const percent = (share: string) => `${(Number(share) * 100).toFixed(0)}%`;

/** One course of the catalogue with every version of its completion rule (điều kiện hoàn thành), oldest first. */
export function CourseDetailScreen() {
  const { t, i18n } = useTranslation('office');
  const { courseId = '' } = useParams();
  const { api, administers } = useOfficeApi();
  const [course, reload] = useLoaded(
    async () => single<CourseDetailView>(await api['course-delivery'].GET('/courses/{courseId}', { params: { path: { courseId } } })),
    [api, courseId],
  );
  const yesNo = (value: boolean) => t(value ? 'terms.yes' : 'terms.no');

  return (
    <section aria-labelledby="course-title">
      <p>
        <Link to="/catalogue">{t('course.back')}</Link>
      </p>
      <LoadState loaded={course} retry={reload}>
        {(entry) => (
          <>
            <h1 id="course-title">
              {entry.code} — {i18n.language === 'en' ? entry.titleEn : entry.titleVi}
            </h1>
            <p lang={i18n.language === 'en' ? 'vi' : 'en'}>{i18n.language === 'en' ? entry.titleVi : entry.titleEn}</p>
            <dl className="facts">
              <dt>{t('catalogue.level')}</dt>
              <dd>{t(`terms.level.${entry.level}`)}</dd>
              <dt>{t('catalogue.trainingGroup')}</dt>
              <dd>{t(`terms.trainingGroup.${entry.trainingGroup}`)}</dd>
              <dt>{t('course.requirementGroups')}</dt>
              <dd>{entry.requirementGroups.map((group) => t(`terms.requirementGroup.${group}`)).join(', ')}</dd>
              <dt>{t('catalogue.format')}</dt>
              <dd>{t(`terms.format.${entry.format}`)}</dd>
              <dt>{t('catalogue.length')}</dt>
              <dd>{t('catalogue.lengthValue', { days: entry.lengthDays, hours: entry.lengthHours })}</dd>
              <dt>{t('course.languages')}</dt>
              <dd>{entry.languages.join(', ')}</dd>
              <dt>{t('course.targetGroups')}</dt>
              <dd>{entry.eligibleTargetGroups.map((group) => t(`terms.targetGroup.${group}`)).join(', ')}</dd>
              <dt>{t('course.ranks')}</dt>
              <dd>{entry.eligibleRanks.map((rank) => t(`terms.rank.${rank}`)).join(', ')}</dd>
              {entry.sector && (
                <>
                  <dt>{t('course.sector')}</dt>
                  <dd>{entry.sector}</dd>
                </>
              )}
            </dl>
            <p className="toolbar">
              <Link to={`/runs?courseId=${encodeURIComponent(entry.courseId)}`}>{t('course.runs')}</Link>
              {administers && (
                <Link className="action" to={`/runs/new?courseId=${encodeURIComponent(entry.courseId)}`}>
                  {t('schedule.open')}
                </Link>
              )}
            </p>
            <h2>{t('course.rules')}</h2>
            <Table headers={[t('course.ruleVersion'), t('course.inForceFrom'), t('course.minAttendance'), t('course.excused'), t('course.assessment'), t('course.passMark')]}>
              {entry.ruleVersions.map((rule) => (
                <tr key={rule.ruleVersion}>
                  <th scope="row">{rule.ruleVersion}</th>
                  <td>{instantText(rule.inForceFrom)}</td>
                  <td>{percent(rule.minAttendanceShare)}</td>
                  <td>{yesNo(rule.excusedCountsAsAttended)}</td>
                  <td>{yesNo(rule.assessmentRequired)}</td>
                  <td>{rule.passMark ?? '—'}</td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </LoadState>
    </section>
  );
}
