import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { PAGE_SIZE, Pager, paged, Table, useOfficeApi } from './office-shared';
import type { CourseSummaryView } from './views';

/** Danh mục khóa bồi dưỡng: the catalogue, paged, searched by title on the server with or without diacritics. */
export function CatalogueScreen() {
  const { t, i18n } = useTranslation('office');
  const { api, administers } = useOfficeApi();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [courses, reload] = useLoaded(
    async () =>
      paged<CourseSummaryView>(await api['course-delivery'].GET('/courses', { params: { query: { q: q || undefined, limit: PAGE_SIZE, offset } } })),
    [api, q, offset],
  );
  const titleOf = (course: CourseSummaryView) => (i18n.language === 'en' ? course.titleEn : course.titleVi);

  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t('catalogue.title')}</h1>
      <div className="toolbar">
        <form
          role="search"
          className="inline"
          onSubmit={(event) => {
            event.preventDefault();
            setOffset(0);
            setQ(typed.trim());
          }}
        >
          <label htmlFor="catalogue-q">{t('catalogue.search')}</label>
          <input id="catalogue-q" type="search" value={typed} onChange={(event) => setTyped(event.target.value)} />
          <button type="submit">{t('catalogue.searchButton')}</button>
        </form>
        {administers && (
          <Link className="action" to="/catalogue/new">
            {t('catalogue.define')}
          </Link>
        )}
      </div>
      <LoadState loaded={courses} retry={reload}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p>{t('catalogue.empty')}</p>
          ) : (
            <>
              <Table headers={[t('catalogue.code'), t('catalogue.name'), t('catalogue.level'), t('catalogue.trainingGroup'), t('catalogue.format'), t('catalogue.length')]}>
                {items.map((course) => (
                  <tr key={course.courseId} data-course={course.courseId}>
                    <td>{course.code}</td>
                    <th scope="row">
                      <Link to={`/catalogue/${encodeURIComponent(course.courseId)}`}>{titleOf(course)}</Link>
                    </th>
                    <td>{t(`terms.level.${course.level}`)}</td>
                    <td>{t(`terms.trainingGroup.${course.trainingGroup}`)}</td>
                    <td>{t(`terms.format.${course.format}`)}</td>
                    <td>{t('catalogue.lengthValue', { days: course.lengthDays, hours: course.lengthHours })}</td>
                  </tr>
                ))}
              </Table>
              <Pager offset={offset} total={total} onPage={setOffset} />
            </>
          )
        }
      </LoadState>
    </section>
  );
}
