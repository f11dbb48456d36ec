/** class-transformer keeps the `@Type` of each property here; it publishes the types, not the module path. */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
