/**
 * Loopback HTTP stubs for tests of the HTTP engines and the gateway: a server that answers
 * with a handler, one that never answers, and a port where nothing listens.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { completionBody } from './wire.js';

export interface Stub {
  url: string;
  /** Parsed JSON bodies and authorization headers of the requests seen, in order. */
  seen: { body: unknown; authorization: string | undefined }[];
  close(): Promise<void>;
}

type Handler = (body: unknown, res: ServerResponse, req: IncomingMessage) => void;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Starts a stub on 127.0.0.1; `close` also drops open sockets (a server that never answers). */
export async function startStub(handler: Handler): Promise<Stub> {
  const seen: Stub['seen'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        seen.push({ body, authorization: req.headers.authorization });
        handler(body, res, req);
      },
      () => res.writeHead(400).end(),
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers every request with a completion whose content is `text`. */
export function answerWith(text: string, delayMs = 0): Handler {
  return (_body, res) => {
    const send = () =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify(
          completionBody({
            id: 'stub',
            model: 'stub',
            text,
            promptTokens: 11,
            completionTokens: 7,
            finishReason: 'stop',
          }),
        ),
      );
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };
}

/** Accepts the request and never answers. */
export const neverAnswer: Handler = () => undefined;

/** A loopback port where nothing listens (bound once, then released): connections are refused. */
export async function refusedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Waits until `condition` holds, polling; fails after `ms` (a loaded machine is slow, not wrong). */
export async function until(condition: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
