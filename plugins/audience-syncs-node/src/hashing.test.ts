import { md5Hex, sha256Hex } from './hashing';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    // A normalized address, as sha256sum hashes it.
    [
      'test@gmail.com',
      '87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674',
    ],
    // UTF-8 bytes, not UTF-16 code units.
    ['é', '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'],
  ])('hashes %p', (value, expected) => {
    expect(sha256Hex(value)).toBe(expected);
  });

  it('is lowercase hex of 64 characters', () => {
    expect(sha256Hex('+14155550123')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('md5Hex', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['urist.mcvankab@freddiesjokes.com', '62eeb292278cc15f5817cb78f7790b08'],
  ])('hashes %p', (value, expected) => {
    expect(md5Hex(value)).toBe(expected);
  });
});
