export * from './bitstring-status-list';
export * from './credential-jwt';
export * from './issuer-key-ring';
export * from './issuer-profile';
export * from './open-badge-credential';
