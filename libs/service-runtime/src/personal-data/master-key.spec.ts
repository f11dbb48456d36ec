import { randomBytes } from 'node:crypto';
import { masterKeyId, personalDataMasterKey } from './master-key';

describe('PERSONAL_DATA_MASTER_KEY', () => {
  const neverWarned = (message: string) => {
    throw new Error(`unexpected warning: ${message}`);
  };

  it('is 32 bytes given in base64', () => {
    const key = randomBytes(32);
    expect(personalDataMasterKey({ PERSONAL_DATA_MASTER_KEY: key.toString('base64'), NODE_ENV: 'production' }, neverWarned)).toEqual(key);
  });

  it.each([
    [randomBytes(16).toString('base64'), /PERSONAL_DATA_MASTER_KEY must be 32 bytes in base64.*decodes to 16 bytes/],
    ['not a key!', /PERSONAL_DATA_MASTER_KEY must be 32 bytes in base64.*not base64/],
  ])('refuses %p, naming the setting', (value, message) => {
    expect(() => personalDataMasterKey({ PERSONAL_DATA_MASTER_KEY: value }, neverWarned)).toThrow(message);
  });

  it('is required in production, and in any environment not named development or test', () => {
    for (const NODE_ENV of ['production', 'staging', undefined]) {
      expect(() => personalDataMasterKey({ NODE_ENV, PERSONAL_DATA_MASTER_KEY: ' ' }, neverWarned)).toThrow(
        /PERSONAL_DATA_MASTER_KEY is required unless NODE_ENV is development or test/,
      );
    }
  });

  it('falls back to a fixed development key elsewhere, with a warning', () => {
    const warnings: string[] = [];
    const first = personalDataMasterKey({ NODE_ENV: 'test' }, (message) => warnings.push(message));
    const second = personalDataMasterKey({ NODE_ENV: 'development' }, (message) => warnings.push(message));
    expect(first).toHaveLength(32);
    expect(second).toEqual(first);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('PERSONAL_DATA_MASTER_KEY is not set');
  });

  it('is named by an id that tells keys apart without revealing them', () => {
    const key = randomBytes(32);
    expect(masterKeyId(key)).toEqual(masterKeyId(Buffer.from(key)));
    expect(masterKeyId(key)).not.toEqual(masterKeyId(randomBytes(32)));
    expect(masterKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(key.toString('hex')).not.toContain(masterKeyId(key));
  });
});
