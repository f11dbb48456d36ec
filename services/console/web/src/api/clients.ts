import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as CertificationPaths } from './generated/certification';
import type { paths as CourseDeliveryPaths } from './generated/course-delivery';
import type { paths as EnrolmentPaths } from './generated/enrolment';
import type { paths as ReportingPaths } from './generated/reporting';
import { refusalLine } from '../refusals';

export const SERVICES = ['enrolment', 'course-delivery', 'certification', 'reporting'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Adds the signed-in user's bearer token to every call; the console forwards it unchanged. */
function bearer(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
}

function client<Paths extends object>(service: ServiceName, token: string) {
  const api = createClient<Paths>({ baseUrl: `${window.location.origin}/api/${service}` });
  api.use(bearer(token));
  return api;
}

/** Typed clients of the four services, reached through the console's own origin. */
export function apiClients(token: string) {
  return {
    enrolment: client<EnrolmentPaths>('enrolment', token),
    'course-delivery': client<CourseDeliveryPaths>('course-delivery', token),
    certification: client<CertificationPaths>('certification', token),
    reporting: client<ReportingPaths>('reporting', token),
  };
}

export type ApiClients = ReturnType<typeof apiClients>;

/** A problem+json body's title, or the HTTP status when there is none. */
export function problemText(error: unknown, response: Response): string {
  return refusalLine(error, response.status);
}

/** GET /status of one service; a switch because each client is typed by its own service's paths. */
export function statusOf(api: ApiClients, service: ServiceName) {
  switch (service) {
    case 'enrolment':
      return api.enrolment.GET('/status');
    case 'course-delivery':
      return api['course-delivery'].GET('/status');
    case 'certification':
      return api.certification.GET('/status');
    case 'reporting':
      return api.reporting.GET('/status');
  }
}
