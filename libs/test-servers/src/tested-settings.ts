/**
 * The settings the test suite runs every service with. The default deployments (deploy/k8s/base,
 * docker-compose.yml) set the same, and test/deployment checks that they do: what ships is what is tested.
 */
export const TESTED_SERVICE_SETTINGS = {
  EVENT_STORE: 'postgres',
  // Of the read-model write modes, the one the suite runs on MongoDB and FerretDB alike.
  READ_MODEL_WRITE_MODE: 'replace',
} as const;

/**
 * What the end-to-end suites run the whole system with, beyond those: the migration step prepares each
 * event log as its owner and the services connect as a role that may only append and read.
 */
export const DEPLOYED_SYSTEM_SETTINGS = {
  ...TESTED_SERVICE_SETTINGS,
  EVENT_STORE_MIGRATE: 'separately',
} as const;

/** The KurrentDB server the opt-in adapter's contract suite runs against; deploy/compose/kurrentdb.yml runs the same. */
export const KURRENTDB_IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:25.1';
