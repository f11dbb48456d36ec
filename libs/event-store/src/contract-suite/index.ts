export {
  describeEventStoreContract,
  type ContractSubject,
  type ContractSubjectFactory,
} from './event-store-contract';
export { SubscriptionProbe, contractMetadata, sampleEvents, uniqueCategory } from './fixtures';
