export * from './common';
export * from './envelope';
export * from './define';
export * from './registry';
export * from './enrolment';
export * from './course-delivery';
export * from './certification';
export * from './reporting';
