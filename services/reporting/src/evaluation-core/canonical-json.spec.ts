import { sha256Hex } from './canonical-json';

describe('the report hash', () => {
  it('hashes the UTF-8 bytes of the text with SHA-256', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('Bộ')).toBe(sha256Hex(Buffer.from('Bộ', 'utf8')));
  });
});
