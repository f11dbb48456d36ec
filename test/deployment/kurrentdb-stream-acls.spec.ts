import { checkpointStream, streamAclPlan } from '../../deploy/kurrentdb/stream-acls';

describe('KurrentDB stream ACLs for a service user', () => {
  const plan = streamAclPlan('enrolment');
  const metadataOf = (stream: string) => plan.streamMetadata.find((entry) => entry.stream === stream)?.metadata;

  it('let the service read and write event streams, and only the admins delete or change their metadata', () => {
    expect(plan.settings.$userStreamAcl).toEqual({
      $r: ['enrolment', '$admins'],
      $w: ['enrolment', '$admins'],
      $d: ['$admins'],
      $mr: ['enrolment', '$admins'],
      $mw: ['$admins'],
    });
    for (const roles of Object.values(plan.settings.$systemStreamAcl)) expect(roles).toEqual(['$admins']);
  });

  it('let the service read $all and nothing more of it', () => {
    expect(metadataOf('$all')).toEqual({
      acl: { readRoles: ['enrolment', '$admins'], writeRoles: ['$admins'], deleteRoles: ['$admins'], metaReadRoles: ['$admins'], metaWriteRoles: ['$admins'] },
    });
  });

  it('let the service write metadata only on its relay checkpoint stream, and delete it never', () => {
    const checkpoint = checkpointStream('enrolment');
    expect(checkpoint).toBe('checkpoint-event-relay:enrolment.events.v1');
    expect(metadataOf(checkpoint)).toEqual({
      maxCount: 1,
      acl: {
        readRoles: ['enrolment', '$admins'],
        writeRoles: ['enrolment', '$admins'],
        deleteRoles: ['$admins'],
        metaReadRoles: ['enrolment', '$admins'],
        metaWriteRoles: ['enrolment', '$admins'],
      },
    });
    const metadataWriters = plan.streamMetadata.filter((entry) => entry.metadata.acl?.metaWriteRoles?.includes('enrolment'));
    expect(metadataWriters.map((entry) => entry.stream)).toEqual([checkpoint]);
    const deleters = [plan.settings.$userStreamAcl.$d, ...plan.streamMetadata.map((entry) => entry.metadata.acl?.deleteRoles ?? [])];
    expect(deleters.flat()).not.toContain('enrolment');
  });

  it('name the checkpoint as the relay does under a topic prefix, and refuse a system name as the user', () => {
    expect(streamAclPlan('svc-enrolment', { service: 'enrolment', topicPrefix: 'staging.' }).streamMetadata.map((entry) => entry.stream)).toEqual([
      '$all',
      'checkpoint-event-relay:staging.enrolment.events.v1',
    ]);
    expect(() => streamAclPlan('$admins')).toThrow(RangeError);
  });
});
