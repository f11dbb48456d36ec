import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the Nest app and the proxies answer; every other GET is a client route of the single-page app. */
const SERVER_PATHS = /^\/(api|dev|health|ready|sign-in-options)(\/|$)/;
/** A missing file (`/assets/old-hash.js`) is a 404, not the app: only extension-less paths are client routes. */
const FILE_PATH = /\.[a-z0-9]+$/i;

/**
 * The built single-page app: hashed assets cached for a year, index.html never cached, and
 * index.html for any other GET so that a reload on a client route (/progress) still opens the app.
 */
export function singlePageApp(webDir: string): express.RequestHandler[] {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: build the console first (npm run build:console)`);
  const assets = express.static(webDir, {
    index: false,
    setHeaders: (response, path) =>
      response.setHeader('cache-control', path.includes(`${join(webDir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const fallback = (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path) || FILE_PATH.test(request.path)) return next();
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  };
  return [assets, fallback];
}
