import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Choices, Field, numberOrText, useSubmission } from './form-fields';
import { untilReadable, useOfficeApi } from './office-shared';
import { COURSE_FORMATS, COURSE_LEVELS, RANKS, REQUIREMENT_GROUPS, TARGET_GROUPS, TRAINING_GROUPS } from './views';

const COMPLETION_RULE_FIELDS = ['minAttendanceShare', 'passMark'];

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** The body of course-delivery POST /courses, as typed: the service, not the form, decides what is valid. */
function definition(form: FormData) {
  const passMark = text(form, 'passMark');
  return {
    courseId: text(form, 'courseId'),
    code: text(form, 'code'),
    titleVi: text(form, 'titleVi'),
    titleEn: text(form, 'titleEn'),
    trainingGroup: text(form, 'trainingGroup'),
    level: text(form, 'level'),
    sector: text(form, 'sector') || null,
    requirementGroups: form.getAll('requirementGroups').map(String),
    format: text(form, 'format'),
    lengthDays: numberOrText(text(form, 'lengthDays')),
    lengthHours: numberOrText(text(form, 'lengthHours')),
    languages: text(form, 'languages').split(',').map((code) => code.trim()).filter(Boolean),
    eligibleTargetGroups: form.getAll('eligibleTargetGroups').map(String),
    eligibleRanks: form.getAll('eligibleRanks').map(String),
    completionRule: {
      minAttendanceShare: text(form, 'minAttendanceShare'),
      excusedCountsAsAttended: form.get('excusedCountsAsAttended') === 'on',
      assessmentRequired: form.get('assessmentRequired') === 'on',
      passMark: passMark === '' ? null : numberOrText(passMark),
    },
  };
}

/** Định nghĩa khóa học: course-delivery POST /courses, its field errors shown beside the fields. */
export function CourseFormScreen() {
  const { t } = useTranslation('office');
  const { api } = useOfficeApi();
  const navigate = useNavigate();
  const { errors, refusal, busy, submit: send } = useSubmission();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = definition(new FormData(event.currentTarget));
    await send(
      () => api['course-delivery'].POST('/courses', { body: body as never }),
      async () => {
        await untilReadable(() => api['course-delivery'].GET('/courses/{courseId}', { params: { path: { courseId: body.courseId } } }));
        void navigate(`/catalogue/${encodeURIComponent(body.courseId)}`);
      },
    );
  };

  const select = (name: string, label: string, options: readonly string[], group: string) => (
    <Field form="course" name={name} path={COMPLETION_RULE_FIELDS.includes(name) ? `completionRule.${name}` : name} label={label} errors={errors}>
      {(props) => (
        <select name={name} {...props}>
          {options.map((option) => (
            <option key={option} value={option}>
              {t(`terms.${group}.${option}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const input = (name: string, label: string, extra: Record<string, string> = {}) => (
    <Field form="course" name={name} path={COMPLETION_RULE_FIELDS.includes(name) ? `completionRule.${name}` : name} label={label} errors={errors}>
      {(props) => <input name={name} {...extra} {...props} />}
    </Field>
  );

  return (
    <section aria-labelledby="course-form-title">
      <p>
        <Link to="/catalogue">{t('course.back')}</Link>
      </p>
      <h1 id="course-form-title">{t('form.title')}</h1>
      <form className="card course-form" onSubmit={(event) => void submit(event)} noValidate>
        {refusal && <p role="alert">{t('form.refused', { reason: refusal })}</p>}
        <div className="columns">
          {input('courseId', t('form.courseId'))}
          {input('code', t('form.code'))}
          {input('titleVi', t('form.titleVi'), { lang: 'vi' })}
          {input('titleEn', t('form.titleEn'), { lang: 'en' })}
          {select('level', t('catalogue.level'), COURSE_LEVELS, 'level')}
          {select('trainingGroup', t('catalogue.trainingGroup'), TRAINING_GROUPS, 'trainingGroup')}
          {select('format', t('catalogue.format'), COURSE_FORMATS, 'format')}
          {input('sector', t('course.sector'))}
          {input('lengthDays', t('form.lengthDays'), { inputMode: 'numeric' })}
          {input('lengthHours', t('form.lengthHours'), { inputMode: 'numeric' })}
          {input('languages', t('form.languages'), { defaultValue: 'vi' })}
        </div>
        <Choices form="course" name="requirementGroups" legend={t('course.requirementGroups')} options={REQUIREMENT_GROUPS} labelOf={(option) => t(`terms.requirementGroup.${option}`)} errors={errors} checked={[]} />
        <Choices form="course" name="eligibleTargetGroups" legend={t('course.targetGroups')} options={TARGET_GROUPS} labelOf={(option) => t(`terms.targetGroup.${option}`)} errors={errors} checked={TARGET_GROUPS} />
        <Choices form="course" name="eligibleRanks" legend={t('course.ranks')} options={RANKS} labelOf={(option) => t(`terms.rank.${option}`)} errors={errors} checked={[]} />
        <fieldset>
          <legend>{t('course.rules')}</legend>
          {input('minAttendanceShare', t('course.minAttendance'), { defaultValue: '0.8000' })}
          <label className="choice">
            <input type="checkbox" name="excusedCountsAsAttended" /> {t('course.excused')}
          </label>
          <label className="choice">
            <input type="checkbox" name="assessmentRequired" /> {t('course.assessment')}
          </label>
          {input('passMark', t('course.passMark'), { inputMode: 'decimal' })}
        </fieldset>
        <div>
          <button type="submit" disabled={busy}>
            {t('form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
