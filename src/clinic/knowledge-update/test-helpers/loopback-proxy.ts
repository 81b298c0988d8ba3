/**
 * A loopback HTTP proxy of the test suite's own, in front of a release source: it records the
 * requests it forwards and can cut a response after some bytes or rewrite a body (tampering).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyRules {
  /** Cut the first matching responses after this many body bytes (then forward whole). */
  cut?: { pathPrefix: string; afterBytes: number; times: number };
  /** Replace the body of matching responses. */
  rewrite?: (path: string, body: Buffer) => Buffer;
}

export interface LoopbackProxy {
  readonly url: string;
  readonly seen: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startLoopbackProxy(
  upstream: string,
  rules: ProxyRules = {},
): Promise<LoopbackProxy> {
  const target = new URL(upstream);
  const seen: LoopbackProxy['seen'] = [];
  let cuts = rules.cut?.times ?? 0;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ path, headers: req.headers });
    const out = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          let body: Buffer = Buffer.concat(chunks);
          if (rules.rewrite) body = rules.rewrite(path, body);
          const headers = { ...up.headers, 'content-length': String(body.length) };
          res.writeHead(up.statusCode ?? 502, headers);
          if (rules.cut && cuts > 0 && path.startsWith(rules.cut.pathPrefix)) {
            cuts--;
            // Half the body, then the connection drops: what a lossy link does mid-download.
            res.write(body.subarray(0, rules.cut.afterBytes), () => res.destroy());
            return;
          }
          res.end(body);
        });
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
