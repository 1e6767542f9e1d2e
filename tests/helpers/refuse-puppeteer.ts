/**
 * Preload (node --import) for a child process that must never load
 * Puppeteer: importing or requiring it throws, so a command that does fails.
 */
import Module, { register } from 'node:module';

const PUPPETEER = /^puppeteer(-core)?(\/|$)/;
const MESSAGE = 'Puppeteer blev indlæst';

// ES imports: a resolve hook (hooks registered last run first, before tsx's).
register(
  `data:text/javascript,${encodeURIComponent(
    `export async function resolve(specifier, context, next) {
      if (${PUPPETEER}.test(specifier)) throw new Error(${JSON.stringify(MESSAGE)});
      return next(specifier, context);
    }`,
  )}`,
);

// require() and createRequire(), which module hooks do not see on Node 20.
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = loader._load;
loader._load = function (request, ...rest) {
  if (PUPPETEER.test(request)) throw new Error(MESSAGE);
  return load.call(this, request, ...rest);
};
