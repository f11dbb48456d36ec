import { useTranslation } from 'react-i18next';
import type { EligibilityEntryView } from './views';

/** The run's trainees who will not be on the worklist: not eligible, with the completion rule's reasons, or already certified. */
export function NotOnWorklist({ entries }: { entries: readonly EligibilityEntryView[] }) {
  const { t } = useTranslation('certify');
  const others = entries.filter((entry) => !entry.eligible || entry.certified);
  if (others.length === 0) return null;
  return (
    <table data-preview="not-on-worklist">
      <caption>{t('worklist.notOnWorklist', { count: others.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('worklist.trainee')}</th>
          <th scope="col">{t('worklist.agency')}</th>
          <th scope="col">{t('worklist.sessions')}</th>
          <th scope="col">{t('worklist.why')}</th>
        </tr>
      </thead>
      <tbody>
        {others.map((entry) => (
          <tr key={entry.traineeId} data-trainee={entry.traineeId}>
            <th scope="row">{entry.traineeId}</th>
            <td>{entry.agencyId}</td>
            <td>{t('worklist.attended', { attended: entry.sessionsAttended, held: entry.sessionsHeld, share: (Number(entry.attendanceShare) * 100).toFixed(2) })}</td>
            <td>
              {entry.eligible ? (
                t('worklist.alreadyCertified')
              ) : (
                <>
                  {t('worklist.notEligible')}
                  <ul lang="en">
                    {entry.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
