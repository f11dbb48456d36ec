/**
 * One course-delivery process of the attendance benchmark's as-shipped layout: an HTTP replica
 * (BACKGROUND_WORK=consumers-only) or the worker (all: the relay and the own-log projections). Its
 * settings arrive as JSON in ATTENDANCE_BENCH_SERVICE; it sends its parent its URL once it serves,
 * and stops on SIGTERM.
 */
import 'reflect-metadata';
import { createServiceApp, loadConfig } from '@training-ledger/platform';
import { CourseDeliveryConfig } from '../src/config';
import { CourseDeliveryModule } from '../src/course-delivery.module';
import { COURSE_DELIVERY_JSON_BODY_LIMIT } from '../src/json-body-limit';

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.ATTENDANCE_BENCH_SERVICE ?? '{}') as Record<string, string>;
  const config = loadConfig(CourseDeliveryConfig, { ...process.env, ...settings });
  const app = await createServiceApp({ config, module: CourseDeliveryModule.forRoot(config), title: 'bench', jsonBodyLimit: COURSE_DELIVERY_JSON_BODY_LIMIT });
  await app.listen(0, '127.0.0.1');
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
  process.send?.({ url: await app.getUrl() });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
