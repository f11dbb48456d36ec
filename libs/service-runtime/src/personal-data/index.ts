export * from './master-key';
export * from './mongo-personal-data-key-store';
export * from './personal-data-envelope';
export * from './personal-data-key-store';
export * from './personal-data-vault';
export * from './personal-data.module';
