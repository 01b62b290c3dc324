import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../../shared/http/server.js';

/** Serves one file read at start-up, for GET and HEAD. */
export function staticFile(file: URL, contentType: string, maxAgeSeconds: number) {
  const body = readFileSync(file);
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'use GET');
    response.writeHead(200, {
      'content-type': contentType,
      'content-length': body.length,
      'cache-control': `public, max-age=${maxAgeSeconds}`,
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
