/**
 * The live preview: the renderer, the server and the watcher wired together.
 * A change re-renders only the open pages it concerns, and only pages whose
 * content really changed are told to reload.
 */
import path from 'node:path';
import { DEFAULT_TEMPLATES } from '../api.js';
import { createRenderer, type PreviewPage } from './renderer.js';
import { startServer } from './server.js';
import { watchSources } from './watcher.js';

export interface PreviewOptions {
  contentDir: string;
  templatesDir?: string;
  /** Paths in diagnostics are shown relative to this folder. */
  cwd: string;
  /** 0 picks a free port. */
  port: number;
  /** Called with the open pages a change reloaded. */
  onReload?: (pages: PreviewPage[]) => void;
  /** The watcher failed (e.g. the content folder was removed): the preview no longer follows changes. */
  onWatchError?: (error: Error) => void;
}

export interface Preview {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const roots = {
    contentDir: path.resolve(options.cwd, options.contentDir),
    templatesDir: path.resolve(options.cwd, options.templatesDir ?? DEFAULT_TEMPLATES),
  };
  const server = await startServer(createRenderer(roots, options.cwd), options.port);
  let watcher;
  try {
    watcher = watchSources(
      roots,
      (change) => {
        const pages = server.refresh(change);
        if (pages.length > 0) options.onReload?.(pages);
      },
      (error) => options.onWatchError?.(error),
    );
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    url: server.url,
    port: server.port,
    async close() {
      watcher.close();
      await server.close();
    },
  };
}
