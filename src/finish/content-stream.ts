/**
 * A tokenizer for PDF content streams (ISO 32000-1, 7.8.2): the operators
 * and their operands with where each operation starts and ends, so a
 * stream can be rewritten by inserting text between operations and every
 * byte that is not touched stays as it was. No maintained npm package does
 * this on its own (pdf.js's lexer is part of its viewer, and a dev
 * dependency here). Works on latin1 strings: one character per byte.
 */
export type Operand =
  | { type: 'number'; value: number }
  | { type: 'name'; value: string; raw: string }
  | { type: 'other'; raw: string };

/** An operation as parseContent lists it. */
export interface ParsedOperation {
  operator: string;
  operands: Operand[];
  start: number;
  end: number;
}

const NUMBER = 0;
const NAME = 1;
const OTHER = 2;
const KINDS = ['number', 'name', 'other'] as const;

/**
 * The operation being visited by scanContent. One object serves the whole
 * stream and its operands are read on demand, from where they stand in the
 * stream: a page holds thousands of glyph operations, and an object for
 * each operand cost more in garbage collection than the parse itself. Valid
 * only during the visit; keep what is needed, not the operation.
 */
export class Operation {
  operator = '';
  /** Offset of the operation's first operand (or the operator). */
  start = 0;
  /** Offset just past the operator (past EI for an inline image). */
  end = 0;
  /** How many operands it has. */
  count = 0;
  private kinds = new Uint8Array(8);
  private from = new Int32Array(8);
  private to = new Int32Array(8);
  private values = new Float64Array(8);

  constructor(private readonly source: string) {}

  kind(index: number): Operand['type'] | undefined {
    return index >= 0 && index < this.count ? KINDS[this.kinds[index]!] : undefined;
  }

  /** Operand `index` as a number, 0 where it is none. */
  number(index: number): number {
    return this.kind(index) === 'number' ? this.values[index]! : 0;
  }

  /** Operand `index` as written, '' where there is none. */
  raw(index: number): string {
    return this.kind(index) === undefined ? '' : this.source.slice(this.from[index], this.to[index]);
  }

  /** Where operand `index` starts in the stream, and where it ends: for reading it later. */
  operandStart(index: number): number {
    return this.from[index] ?? 0;
  }

  operandEnd(index: number): number {
    return this.to[index] ?? 0;
  }

  /** The value of name operand `index` ("/F#31" → "F1"). */
  name(index: number): string | undefined {
    if (this.kind(index) !== 'name') return undefined;
    const raw = this.raw(index);
    return raw.includes('#') ? raw.slice(1).replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw.slice(1);
  }

  operand(index: number): Operand {
    const type = this.kind(index);
    if (type === 'number') return { type, value: this.values[index]! };
    if (type === 'name') return { type, value: this.name(index)!, raw: this.raw(index) };
    return { type: 'other', raw: this.raw(index) };
  }

  /** The tokenizer's side: operands are added as read, and cleared after each operator. */
  push(kind: number, from: number, to: number, value = 0): void {
    if (this.count === this.kinds.length) this.grow();
    this.kinds[this.count] = kind;
    this.from[this.count] = from;
    this.to[this.count] = to;
    this.values[this.count] = value;
    this.count++;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const grown = <T extends Uint8Array | Int32Array | Float64Array>(array: T, make: (size: number) => T) => {
      const copy = make(size);
      copy.set(array);
      return copy;
    };
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.from = grown(this.from, (n) => new Int32Array(n));
    this.to = grown(this.to, (n) => new Int32Array(n));
    this.values = grown(this.values, (n) => new Float64Array(n));
  }
}

/** Character classes by byte: 1 whitespace, 2 delimiter, 0 regular (ISO 32000-1 7.2.2). */
const CLASS = new Uint8Array(256);
for (const code of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[code] = 1;
for (const char of '()<>[]{}/%') CLASS[char.charCodeAt(0)] = 2;

const isWhitespace = (code: number) => CLASS[code & 0xff] === 1;
const isRegular = (code: number) => CLASS[code & 0xff] === 0;
/** Digits, sign and point: a regular token starting with one is a number. */
const isNumeric = (code: number) => (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e;

/** Every operation of a content stream, in order, each as an object of its own. */
export function parseContent(source: string): ParsedOperation[] {
  const operations: ParsedOperation[] = [];
  scanContent(source, (operation) => {
    const operands = Array.from({ length: operation.count }, (_, index) => operation.operand(index));
    operations.push({ operator: operation.operator, operands, start: operation.start, end: operation.end });
  });
  return operations;
}

/** Every operation of a content stream, one at a time and in order, on one reused Operation. */
export function scanContent(source: string, visit: (operation: Operation) => void): void {
  const operation = new Operation(source);
  let start = -1;
  let at = 0;
  const length = source.length;
  while (at < length) {
    const code = source.charCodeAt(at);
    if (isWhitespace(code)) {
      at++;
      continue;
    }
    if (code === 0x25 /* % comment */) {
      while (at < length && source[at] !== '\n' && source[at] !== '\r') at++;
      continue;
    }
    if (start < 0) start = at;
    const from = at;
    if (code === 0x2f /* / name */) {
      at++;
      while (at < length && isRegular(source.charCodeAt(at))) at++;
      operation.push(NAME, from, at);
    } else if (code === 0x28 || code === 0x3c || code === 0x5b) {
      at = skipComposite(source, at);
      operation.push(OTHER, from, at);
    } else {
      while (at < length && isRegular(source.charCodeAt(at))) at++;
      // A stray delimiter (")", ">", "]", "{") would stop the scan: step over it.
      if (at === from) at++;
      if (isNumeric(code)) {
        const value = readNumber(source, from, at);
        if (Number.isFinite(value)) operation.push(NUMBER, from, at, value);
        else operation.push(OTHER, from, at);
        continue;
      }
      const raw = operatorAt(source, from, at);
      if (raw === 'true' || raw === 'false' || raw === 'null') {
        operation.push(OTHER, from, at);
      } else {
        if (raw === 'BI') at = skipInlineImage(source, at);
        operation.operator = raw;
        operation.start = start;
        operation.end = at;
        visit(operation);
        operation.count = 0;
        start = -1;
      }
    }
  }
}

/** A plain decimal number ("-12.5", ".5"), read from its characters; anything else through Number(). */
function readNumber(source: string, from: number, to: number): number {
  let at = from;
  const sign = source.charCodeAt(at) === 0x2d ? -1 : 1;
  if (source.charCodeAt(at) === 0x2d || source.charCodeAt(at) === 0x2b) at++;
  let value = 0;
  let scale = 0;
  let digits = 0;
  for (; at < to; at++) {
    const code = source.charCodeAt(at);
    if (code >= 0x30 && code <= 0x39) {
      value = value * 10 + (code - 0x30);
      if (scale > 0) scale *= 10;
      digits++;
    } else if (code === 0x2e && scale === 0) scale = 1;
    else return Number(source.slice(from, to));
  }
  // Long runs of digits lose precision when summed: Number() reads them exactly.
  if (digits === 0 || digits > 15) return Number(source.slice(from, to));
  return (sign * value) / (scale || 1);
}

/** A token of up to three characters as one number: its length and character codes. */
function tokenKey(text: string, from = 0, to = text.length): number {
  let key = to - from;
  for (let at = from; at < to; at++) key = key * 256 + text.charCodeAt(at);
  return key;
}

/**
 * Operators of up to three characters, by their token key: one string each,
 * not one per use. The standard ones (ISO 32000-1, Annex A) are written out
 * as literals: V8 keeps one copy of each literal, so comparing an operator
 * with one ('Td', 'Tj', …) is a comparison of identity, which thousands of
 * operations per page go through in every concern that follows them.
 */
// prettier-ignore
const STANDARD_OPERATORS = ['b', 'B', 'b*', 'B*', 'BDC', 'BI', 'BMC', 'BT', 'BX', 'c', 'cm', 'CS', 'cs', 'd', 'd0', 'd1', 'Do', 'DP', 'EI', 'EMC', 'ET', 'EX', 'f', 'F', 'f*', 'G', 'g', 'gs', 'h', 'i', 'ID', 'j', 'J', 'K', 'k', 'l', 'm', 'M', 'MP', 'n', 'q', 'Q', 're', 'RG', 'rg', 'ri', 's', 'S', 'SC', 'sc', 'SCN', 'scn', 'sh', 'T*', 'Tc', 'Td', 'TD', 'Tf', 'Tj', 'TJ', 'TL', 'Tm', 'Tr', 'Ts', 'Tw', 'Tz', 'v', 'w', 'W', 'W*', 'y', "'", '"'];
const OPERATORS = new Map<number, string>(STANDARD_OPERATORS.map((operator) => [tokenKey(operator), operator]));

function operatorAt(source: string, from: number, to: number): string {
  if (to - from > 3) return source.slice(from, to);
  const key = tokenKey(source, from, to);
  let operator = OPERATORS.get(key);
  if (operator === undefined) OPERATORS.set(key, (operator = source.slice(from, to)));
  return operator;
}

/** Past a string, hex string, dictionary or array starting at `at`. */
function skipComposite(source: string, at: number): number {
  const length = source.length;
  const open = source[at];
  if (open === '(') {
    let depth = 0;
    for (; at < length; at++) {
      const char = source[at];
      if (char === '\\') at++;
      else if (char === '(') depth++;
      else if (char === ')' && --depth === 0) return at + 1;
    }
    return length;
  }
  if (open === '<' && source[at + 1] !== '<') {
    const close = source.indexOf('>', at);
    return close < 0 ? length : close + 1;
  }
  // Arrays and dictionaries: nesting counted, strings inside skipped whole.
  let depth = 0;
  while (at < length) {
    const char = source[at]!;
    if (char === '(' || (char === '<' && source[at + 1] !== '<')) {
      at = skipComposite(source, at);
      continue;
    }
    if (char === '[' || char === '<') depth++;
    else if (char === ']' || char === '>') depth--;
    at += char === '<' || char === '>' ? (source[at + 1] === char ? 2 : 1) : 1;
    if (depth === 0) return at;
  }
  return length;
}

/** Past the EI that ends inline image data (BI … ID <bytes> EI). */
function skipInlineImage(source: string, at: number): number {
  const data = source.indexOf('ID', at);
  if (data < 0) return source.length;
  let search = data + 3;
  for (;;) {
    const end = source.indexOf('EI', search);
    if (end < 0) return source.length;
    const after = source.charCodeAt(end + 2);
    if (isWhitespace(source.charCodeAt(end - 1)) && (end + 2 >= source.length || isWhitespace(after))) return end + 2;
    search = end + 2;
  }
}

/** A change to a stream: the text between `from` and `to` (equal for an insertion) replaced. */
export interface Edit {
  from: number;
  to: number;
  text: string;
}

/** The stream with the edits made (they must not overlap; equal offsets keep their order). */
export function applyEdits(source: string, edits: Edit[]): string {
  // Array sort is stable: edits at one offset stay in the order given.
  const sorted = edits.slice().sort((a, b) => a.from - b.from);
  const pieces: string[] = [];
  let last = 0;
  for (const { from, to, text } of sorted) {
    pieces.push(source.slice(last, from), text);
    last = to;
  }
  pieces.push(source.slice(last));
  return pieces.join('');
}

/** The MCID of a BDC's inline property list, if it has one. */
export function markedContentId(operation: Operation): number | undefined {
  if (operation.operator !== 'BDC' || operation.kind(1) !== 'other') return undefined;
  const match = /\/MCID\s+(\d+)/.exec(operation.raw(1));
  return match ? Number(match[1]) : undefined;
}

/** The font resource name a Tf selects, as written (the key pdf-lib gives it). */
export function fontName(operation: Operation): string | undefined {
  return operation.kind(0) === 'name' ? operation.raw(0).slice(1) : undefined;
}

/** The hex text of a lone soft hyphen, as Chromium gives every unused division. */
const LONE_SOFT_HYPHEN = /^(feff)?00ad$/i;

/** UTF-16 code units of a PDF text string in hex (ActualText, ToUnicode), without a byte-order mark. */
export function utf16(hex: string): number[] {
  // Nearly every ActualText Chromium writes is one soft hyphen: read without parsing.
  if (LONE_SOFT_HYPHEN.test(hex)) return [0x00ad];
  const units: number[] = [];
  for (let index = 0; index + 4 <= hex.length; index += 4) units.push(parseInt(hex.slice(index, index + 4), 16));
  return units[0] === 0xfeff ? units.slice(1) : units;
}

/** The text of a PDF text string in hex. */
export function decodeUtf16(hex: string): string {
  return String.fromCharCode(...utf16(hex));
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const matrix = (operation: Operation): Matrix => [0, 1, 2, 3, 4, 5].map((index) => operation.number(index)) as Matrix;

/**
 * Where the current text line stands on the page, followed operation by
 * operation: the transformation matrix (q, Q, cm) and the text line matrix
 * (BT, Tm, Td, TD, TL, T*, ' and "). Glyph advances are not followed:
 * Chromium starts every glyph run with Td, so this is kept cheap.
 */
export class TextPosition {
  private ctm = IDENTITY;
  private readonly saved: Matrix[] = [];
  /** The text line matrix, changed in place: Td comes with every glyph run. */
  private readonly line: Matrix = [...IDENTITY];
  private leading = 0;

  /** Follow one operation (any operator; those that move nothing are ignored). */
  follow(operation: Operation): void {
    switch (operation.operator) {
      case 'q':
        this.saved.push(this.ctm);
        break;
      case 'Q':
        this.ctm = this.saved.pop() ?? IDENTITY;
        break;
      case 'cm':
        this.ctm = multiply(matrix(operation), this.ctm);
        break;
      case 'BT':
        this.line.splice(0, 6, ...IDENTITY);
        break;
      case 'Tm':
        this.line.splice(0, 6, ...matrix(operation));
        break;
      case 'TD':
        this.leading = -operation.number(1);
        this.moveLine(operation.number(0), operation.number(1));
        break;
      case 'Td':
        this.moveLine(operation.number(0), operation.number(1));
        break;
      case 'TL':
        this.leading = operation.number(0);
        break;
      case 'T*':
      case "'":
      case '"':
        this.moveLine(0, -this.leading);
        break;
    }
  }

  /** The text line's baseline height on the page, in points from the bottom (the y of line × ctm). */
  get y(): number {
    const { line, ctm } = this;
    return line[4] * ctm[1] + line[5] * ctm[3] + ctm[5];
  }

  /** The line matrix moved by (x, y) in its own space: translate(x, y) × line. */
  private moveLine(x: number, y: number): void {
    const { line } = this;
    const e = x * line[0] + y * line[2] + line[4];
    line[5] = x * line[1] + y * line[3] + line[5];
    line[4] = e;
  }
}
