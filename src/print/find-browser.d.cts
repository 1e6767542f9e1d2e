/** Types of find-browser.cjs (plain JavaScript, see there why). */

/** What browser discovery may look at: given, so tests can describe any machine. */
export interface BrowserWorld {
  /** Whether a file exists (fs.existsSync on a real machine). */
  exists: (file: string) => boolean;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** Where Puppeteer's own download is (puppeteer.executablePath()), when Puppeteer is installed. */
  downloaded?: () => string | undefined;
}

export interface FoundBrowser {
  path: string;
  /** In Danish, for messages: "Google Chrome", "Microsoft Edge", "Chromium", … */
  name: string;
  source: 'configured' | 'installed' | 'downloaded';
}

export interface BrowserSearch {
  found?: FoundBrowser;
  /** Every place looked, in order (for the message when nothing was found). */
  tried: string[];
}

export function findBrowser(world: BrowserWorld): BrowserSearch;
export function findOnPath(program: string, world: Pick<BrowserWorld, 'exists' | 'env' | 'platform'>): string | undefined;
