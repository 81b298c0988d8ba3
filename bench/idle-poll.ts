/**
 * A minimal keep-alive HTTP/1.1 load client for the idle alert poll, in the manner of
 * autocannon: `connections` sockets, each sending the next GET as soon as the previous
 * answer is complete (no pipelining). A 304 has no body, so an answer ends at the blank line.
 */
import { connect, type Socket } from 'node:net';

export interface PollResult {
  rps: number;
  ok304: number;
  other: number;
}

function lane(
  base: string,
  path: string,
  etag: string,
  until: number,
  r: PollResult,
): Promise<void> {
  const url = new URL(base);
  const request = `GET ${path} HTTP/1.1\r\nhost: ${url.host}\r\nif-none-match: ${etag}\r\n\r\n`;
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(url.port), url.hostname);
    let buffer = '';
    const send = () => {
      if (Date.now() >= until) {
        socket.end();
        resolve();
        return;
      }
      socket.write(request);
    };
    socket.setEncoding('latin1');
    socket.on('connect', send);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\r\n\r\n');
      while (end >= 0) {
        if (buffer.startsWith('HTTP/1.1 304')) r.ok304++;
        else r.other++;
        buffer = buffer.slice(end + 4);
        end = buffer.indexOf('\r\n\r\n');
        send();
      }
    });
    socket.on('error', () => resolve());
  });
}

/** Polls for `seconds` over `connections` sockets spread across `bases`. */
export async function pollIdle(
  bases: string[],
  path: string,
  etag: string,
  seconds: number,
  connections: number,
): Promise<PollResult> {
  const r: PollResult = { rps: 0, ok304: 0, other: 0 };
  const start = Date.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, (_, i) =>
      lane(bases[i % bases.length]!, path, etag, until, r),
    ),
  );
  r.rps = (r.ok304 + r.other) / ((Date.now() - start) / 1000);
  return r;
}
