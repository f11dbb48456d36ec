export * from './certificate-pdf';
export * from './course-vocabulary';
export * from './vietnamese-dates';
