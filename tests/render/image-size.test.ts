import { describe, expect, it } from 'vitest';
import { imageCost } from '../../src/render/image-size.js';

describe('imageCost', () => {
  it('reads the pixels of PNG, GIF, JPEG and WebP from their headers', () => {
    const png = Buffer.alloc(24);
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1').copy(png);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(300, 16);
    png.writeUInt32BE(200, 20);
    expect(imageCost('image/png', png)).toEqual({ pixels: 60_000 });

    const gif = Buffer.from('GIF89a\x00\x00\x00\x00', 'latin1');
    gif.writeUInt16LE(640, 6);
    gif.writeUInt16LE(480, 8);
    expect(imageCost('image/gif', gif)).toEqual({ pixels: 307_200 });

    // SOI, an APP0 segment to skip, then SOF2 (progressive) with 1000 × 3000.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x0b, 0xb8, 0x03, 0xe8, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(imageCost('image/jpeg', jpeg)).toEqual({ pixels: 3_000_000 });

    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBPVP8X', 8, 'latin1');
    webp.writeUIntLE(1999, 24, 3);
    webp.writeUIntLE(999, 27, 3);
    expect(imageCost('image/webp', webp)).toEqual({ pixels: 2_000_000 });
  });

  it('cannot read a file that is not what its name says', () => {
    expect(imageCost('image/png', Buffer.from('GIF89a…'))).toBeUndefined();
    expect(imageCost('image/jpeg', Buffer.from('not a jpeg at all'))).toBeUndefined();
  });

  it('counts SVG elements and finds <use> of something that holds <use>', () => {
    const plain = '<svg><g id="a"><rect/></g><use href="#a"/><use href="#a"/></svg>';
    expect(imageCost('image/svg+xml', Buffer.from(plain))).toEqual({ svgElements: 5, nestedUse: false });
    const nested = '<svg><g id="a"><rect/></g><g id="b"><use href="#a"/><use href="#a"/></g><use xlink:href="#b"/></svg>';
    expect(imageCost('image/svg+xml', Buffer.from(nested))).toEqual({ svgElements: 7, nestedUse: true });
    const chain = '<svg><rect id="a"/><use id="b" href="#a"/><use href="#b"/></svg>';
    expect(imageCost('image/svg+xml', Buffer.from(chain))).toEqual({ svgElements: 4, nestedUse: true });
  });
});
