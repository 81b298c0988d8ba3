/**
 * A lean keep-alive HTTP/1.1 client for the sync bench: one socket, one request at a time,
 * requests pre-built as bytes. The load generator shares the cores with the servers it
 * measures, so it parses only the status line and content-length (every answer of ours has
 * one, or is a 304 without a body) instead of going through fetch.
 */
import { connect, type Socket } from 'node:net';

export interface LaneReply {
  status: number;
  body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

function contentLength(head: string): number {
  const match = /\r\ncontent-length: *(\d+)/i.exec(head);
  return match ? Number(match[1]) : -1;
}

export class HttpLane {
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve(r: LaneReply): void; reject(e: Error): void } | null = null;

  constructor(base: string) {
    const url = new URL(base);
    this.socket = connect(Number(url.port), url.hostname);
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('connection closed')));
  }

  /** Sends `request` (head and body) and resolves with the whole answer. */
  send(request: Buffer): Promise<LaneReply> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.end();
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const end = this.buffer.indexOf(HEAD_END);
    if (end < 0 || !this.waiting) return;
    const head = this.buffer.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const length = status === 304 ? 0 : contentLength(head);
    if (length < 0) {
      this.fail(new Error(`answer without content-length [${head.slice(0, 40)}]`));
      return;
    }
    const total = end + 4 + length;
    if (this.buffer.length < total) return;

    const body = this.buffer.subarray(end + 4, total);
    this.buffer = this.buffer.subarray(total);
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve({ status, body });
  }
}

/** The bytes of one request: head with the given headers, then the body. */
export function buildRequest(
  method: string,
  base: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer = Buffer.alloc(0),
): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, `host: ${new URL(base).host}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body.length > 0 || method === 'POST') lines.push(`content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
