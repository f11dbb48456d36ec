/**
 * Stream ACLs for a service's own KurrentDB node (the opt-in event store; deploy/kurrentdb/README.md):
 * the service user reads and writes the event streams, reads `$all` (its relay and projections do),
 * writes metadata only on its checkpoint stream, and deletes nothing; everything else is the admins'.
 *
 *   node --import tsx deploy/kurrentdb/stream-acls.ts print --service enrolment [--topic-prefix P]
 *   KURRENTDB_ADMIN_URL='kurrentdb://admin:…@kurrentdb-enrolment:2113?tls=true' \
 *     node --import tsx deploy/kurrentdb/stream-acls.ts apply --service enrolment [--topic-prefix P]
 *
 * `apply` writes the documents through the gRPC client the adapter uses: `$settings` (the default
 * ACLs), then the metadata of `$all` and of the checkpoint stream.
 */
import { jsonEvent, KurrentDBClient, type StreamMetadata } from '@kurrent/kurrentdb-client';

const ADMINS = '$admins';

/** The default ACLs as KurrentDB reads them from the `$settings` stream. */
export interface DefaultAclSettings {
  readonly $userStreamAcl: Record<'$r' | '$w' | '$d' | '$mr' | '$mw', readonly string[]>;
  readonly $systemStreamAcl: Record<'$r' | '$w' | '$d' | '$mr' | '$mw', readonly string[]>;
}

export interface StreamAclPlan {
  readonly settings: DefaultAclSettings;
  readonly streamMetadata: ReadonlyArray<{ readonly stream: string; readonly metadata: StreamMetadata }>;
}

/** The one checkpoint a service keeps in its event store: its relay's position on its topic (EventRelay). */
export function checkpointStream(service: string, topicPrefix = ''): string {
  return `checkpoint-event-relay:${topicPrefix}${service}.events.v1`;
}

export function streamAclPlan(serviceUser: string, options: { readonly service?: string; readonly topicPrefix?: string } = {}): StreamAclPlan {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(serviceUser) || serviceUser.startsWith('$')) {
    throw new RangeError(`Not a usable KurrentDB user name: ${JSON.stringify(serviceUser)}`);
  }
  const service = options.service ?? serviceUser;
  const serviceAndAdmins = [serviceUser, ADMINS];
  return {
    settings: {
      $userStreamAcl: { $r: serviceAndAdmins, $w: serviceAndAdmins, $d: [ADMINS], $mr: serviceAndAdmins, $mw: [ADMINS] },
      $systemStreamAcl: { $r: [ADMINS], $w: [ADMINS], $d: [ADMINS], $mr: [ADMINS], $mw: [ADMINS] },
    },
    streamMetadata: [
      // The relay and the own-log projections read every event in commit order.
      { stream: '$all', metadata: { acl: { readRoles: serviceAndAdmins, writeRoles: [ADMINS], deleteRoles: [ADMINS], metaReadRoles: [ADMINS], metaWriteRoles: [ADMINS] } } },
      // The checkpoint store sets `maxCount: 1` on the stream when it first saves.
      {
        stream: checkpointStream(service, options.topicPrefix),
        metadata: {
          maxCount: 1,
          acl: { readRoles: serviceAndAdmins, writeRoles: serviceAndAdmins, deleteRoles: [ADMINS], metaReadRoles: serviceAndAdmins, metaWriteRoles: serviceAndAdmins },
        },
      },
    ],
  };
}

export async function applyStreamAclPlan(client: KurrentDBClient, plan: StreamAclPlan): Promise<void> {
  await client.appendToStream('$settings', jsonEvent({ type: 'update-default-acl', data: { ...plan.settings } }));
  for (const { stream, metadata } of plan.streamMetadata) await client.setStreamMetadata(stream, metadata);
}

function argument(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

async function main(args: readonly string[]): Promise<void> {
  const [mode] = args;
  const service = argument(args, '--service');
  if ((mode !== 'print' && mode !== 'apply') || !service) {
    throw new Error('usage: stream-acls.ts print|apply --service <service> [--user <KurrentDB user, the service by default>] [--topic-prefix P]');
  }
  const plan = streamAclPlan(argument(args, '--user') ?? service, { service, topicPrefix: argument(args, '--topic-prefix') });
  if (mode === 'print') {
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    return;
  }
  const url = process.env.KURRENTDB_ADMIN_URL;
  if (!url) throw new Error('KURRENTDB_ADMIN_URL must name the node, with an admin user: kurrentdb://admin:…@host:2113?tls=true');
  const client = KurrentDBClient.connectionString(url);
  try {
    await applyStreamAclPlan(client, plan);
    process.stdout.write(`Stream ACLs applied for ${service}\n`);
  } finally {
    await client.dispose();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
