export * from './topic-reader';
