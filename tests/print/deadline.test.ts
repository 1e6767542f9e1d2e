/**
 * One time limit per meeting: each print and bilag parse is given only the
 * time left until the meeting's deadline. Asserted on a clock the test
 * moves, never on how fast the machine is.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { DeadlinePassed, deadlineIn } from '../../src/print/deadline.js';
import { printPdf } from '../../src/print/print.js';
import { disarmInThread } from '../../src/print/bilag-thread.js';
import { BILAG_LIMITS } from '../../src/print/disarm.js';
import { printFailure } from '../../src/print/failure.js';
import { plainPdf } from '../helpers/hostile-pdf.js';

/** A browser that only records the time-outs it is given; each step takes `cost` ms of the test's clock. */
function recordingBrowser(clock: { now: number }, cost: { goto: number; pdf: number }) {
  const calls: string[] = [];
  const client = {
    send: async (method: string) => (method === 'Page.getFrameTree' ? { frameTree: { frame: { id: 'main' } } } : {}),
    on: () => undefined,
  };
  const page = {
    setJavaScriptEnabled: async () => undefined,
    createCDPSession: async () => client,
    goto: async (_url: string, options: { timeout: number }) => {
      calls.push(`goto ${options.timeout}`);
      clock.now += cost.goto;
    },
    pdf: async (options: { timeout: number }) => {
      calls.push(`pdf ${options.timeout}`);
      clock.now += cost.pdf;
      return new Uint8Array([37]);
    },
    close: async () => void calls.push('close'),
  };
  const browser = { newPage: async () => (calls.push('newPage'), page) } as unknown as Browser;
  return { browser, calls };
}

describe('deadlineIn', () => {
  it('gives the time left, and throws once none is', () => {
    const clock = { now: 1000 };
    const deadline = deadlineIn(5000, () => clock.now);
    expect(deadline.left()).toBe(5000);
    clock.now = 5999;
    expect(deadline.left()).toBe(1);
    clock.now = 6000;
    expect(() => deadline.left()).toThrow(DeadlinePassed);
  });
});

describe('a print under a meeting deadline', () => {
  it('gives each step of each print the time left of the meeting, and stops at its end', async () => {
    const clock = { now: 0 };
    const deadline = deadlineIn(10_000, () => clock.now);
    const { browser, calls } = recordingBrowser(clock, { goto: 3000, pdf: 4000 });

    await printPdf(browser, '<p>1</p>', { deadline });
    // The second print has 3 s left: its load takes them all, so it never asks for the PDF.
    await expect(printPdf(browser, '<p>2</p>', { deadline })).rejects.toBeInstanceOf(DeadlinePassed);
    // Past the deadline: no page is taken at all.
    await expect(printPdf(browser, '<p>3</p>', { deadline })).rejects.toBeInstanceOf(DeadlinePassed);

    // The page of the failed print is retired (closed), as after any failed print.
    expect(calls).toEqual(['newPage', 'goto 10000', 'pdf 7000', 'goto 3000', 'close']);
  });
});

describe('a bilag parse under a meeting deadline', () => {
  it('fails the meeting, not the bilag, when the meeting has less time left than the parse', async () => {
    // Starting a thread and loading the PDF library takes far longer than 1 ms.
    const deadline = { limit: 60_000, left: () => 1 };
    await expect(disarmInThread(await plainPdf(1), BILAG_LIMITS, deadline)).rejects.toBeInstanceOf(DeadlinePassed);
  });

  it('does not start once the meeting has no time left', async () => {
    const clock = { now: 0 };
    const deadline = deadlineIn(1000, () => clock.now);
    clock.now = 1000;
    await expect(disarmInThread(await plainPdf(1), BILAG_LIMITS, deadline)).rejects.toBeInstanceOf(DeadlinePassed);
  });
});

describe('printFailure', () => {
  it('names the meeting limit when the meeting ran out of time', () => {
    expect(printFailure(new DeadlinePassed(90_000), 90_000, false)).toEqual({
      rule: 'tidsgraense',
      reason: 'Mødet blev ikke færdigt inden for tidsgrænsen på 90 sekunder for ét møde og blev stoppet.',
      note: 'Mødet er usædvanlig stort eller komplekst. Del lange punkter op, eller giv mere tid med --timeout.',
    });
  });
});
