/**
 * A loopback TCP proxy of our own for fault tests: it forwards to a target on 127.0.0.1 and,
 * as told, delays each chunk, drops new connections, or cuts a connection after N bytes of
 * the request or of the response (the cloud stored the batch but the clinic never heard).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface Faults {
  /** Delay before forwarding each chunk, both ways. */
  delayMs?: number;
  /** Close new connections at once. */
  drop?: boolean;
  /** Cut both sides once this many request bytes have been forwarded. */
  cutRequestAfter?: number;
  /** Cut both sides once this many response bytes have been forwarded. */
  cutResponseAfter?: number;
}

export interface FaultProxy {
  url: string;
  set(faults: Faults): void;
  /** Bytes forwarded so far: client to server, server to client. */
  bytes: { up: number; down: number };
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Forwards in order: a delayed chunk, and the end after it, never overtake each other. */
function pipeWithFaults(
  from: Socket,
  to: Socket,
  faults: () => Faults,
  limit: () => number | undefined,
  cut: () => void,
  count: (n: number) => void,
): void {
  let sent = 0;
  let chain: Promise<unknown> = Promise.resolve();
  from.on('data', (chunk: Buffer) => {
    const max = limit();
    let part = chunk;
    if (max !== undefined && sent + part.length >= max) {
      part = part.subarray(0, Math.max(0, max - sent));
    }
    sent += part.length;
    count(part.length);
    const reachedLimit = max !== undefined && sent >= max;
    const delay = faults().delayMs ?? 0;
    chain = chain
      .then(() => (delay > 0 ? sleep(delay) : undefined))
      .then(() => {
        if (part.length > 0 && !to.destroyed) to.write(part);
        if (reachedLimit) cut();
      });
  });
  from.on('end', () => {
    chain = chain.then(() => to.end());
  });
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let faults: Faults = {};
  const bytes = { up: 0, down: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (faults.drop) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    const current = () => faults;
    pipeWithFaults(
      client,
      upstream,
      current,
      () => faults.cutRequestAfter,
      cut,
      (n) => {
        bytes.up += n;
      },
    );
    pipeWithFaults(
      upstream,
      client,
      current,
      () => faults.cutResponseAfter,
      cut,
      (n) => {
        bytes.down += n;
      },
    );
    for (const s of [client, upstream]) {
      s.on('error', cut);
      // A clean close travels as 'end' behind the delayed data; only errors cut at once.
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    bytes,
    set: (next) => {
      faults = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
