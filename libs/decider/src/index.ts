export * from './message';
export * from './decider';
export * from './domain-rule-violation';
export * from './specification';
export * from './decide-each';
export * from './canonical-json';
