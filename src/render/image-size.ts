/**
 * How many pixels an image will cost to show, read from its header without
 * decoding it, and whether an SVG can expand (<use> of something that itself
 * holds <use>, the "billion laughs" of SVG). Content images are untrusted: a
 * 1 MB PNG can declare 23000 × 23000 pixels, 2 GB decoded.
 */

export type ImageCost = { pixels: number } | { svgElements: number; nestedUse: boolean } | undefined;

function png(bytes: Buffer): number | undefined {
  if (bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG' || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return bytes.readUInt32BE(16) * bytes.readUInt32BE(20);
}

function gif(bytes: Buffer): number | undefined {
  if (bytes.length < 10 || bytes.toString('latin1', 0, 4) !== 'GIF8') return undefined;
  // The logical screen; every frame lies within it.
  return bytes.readUInt16LE(6) * bytes.readUInt16LE(8);
}

function jpeg(bytes: Buffer): number | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    // Start of frame (baseline, progressive, …), not DHT (C4), JPG (C8) or DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return bytes.readUInt16BE(offset + 5) * bytes.readUInt16BE(offset + 7);
    }
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  return undefined;
}

function webp(bytes: Buffer): number | undefined {
  if (bytes.length < 30 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') return (bytes.readUInt16LE(26) & 0x3fff) * (bytes.readUInt16LE(28) & 0x3fff);
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return ((bits & 0x3fff) + 1) * (((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') return (bytes.readUIntLE(24, 3) + 1) * (bytes.readUIntLE(27, 3) + 1);
  return undefined;
}

/**
 * The elements of an SVG, and whether any <use> refers to an element that
 * holds a <use> itself. Tags are read with a pattern, not a parser: it is
 * enough to count them and see which lie inside which.
 */
function svg(bytes: Buffer): { svgElements: number; nestedUse: boolean } {
  const text = bytes.toString('utf8');
  const open: { id?: string; holdsUse: boolean }[] = [];
  const holdingUse = new Set<string>();
  const targets: string[] = [];
  let elements = 0;
  for (const match of text.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g)) {
    const [, closing, tag, attributes = '', selfClosing] = match;
    if (closing) {
      const done = open.pop();
      if (done?.holdsUse && done.id) holdingUse.add(done.id);
      continue;
    }
    elements++;
    const id = /\sid\s*=\s*["']([^"']*)["']/.exec(attributes)?.[1];
    if (tag!.replace(/^.*:/, '') === 'use') {
      // A <use> is itself something a <use> may refer to: chains count too.
      if (id !== undefined) holdingUse.add(id);
      const href = /\s(?:xlink:)?href\s*=\s*["']#([^"']*)["']/.exec(attributes)?.[1];
      if (href !== undefined) targets.push(href);
      for (const element of open) element.holdsUse = true;
    }
    if (selfClosing) continue;
    open.push({ id, holdsUse: false });
  }
  return { svgElements: elements, nestedUse: targets.some((target) => holdingUse.has(target)) };
}

/** What showing the image costs; undefined when its header cannot be read as its type. */
export function imageCost(mediaType: string, bytes: Buffer): ImageCost {
  if (mediaType === 'image/svg+xml') return svg(bytes);
  const read = { 'image/png': png, 'image/gif': gif, 'image/jpeg': jpeg, 'image/webp': webp }[mediaType];
  const pixels = read?.(bytes);
  return pixels === undefined ? undefined : { pixels };
}
