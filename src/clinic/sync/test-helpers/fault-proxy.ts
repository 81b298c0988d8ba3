/**
 * A loopback TCP proxy for the sync fault tests: it passes HTTP/1.1 traffic to an upstream on
 * 127.0.0.1 and, per request as chosen by the test, delays it, cuts the connection in the
 * middle of the request, drops the response after the upstream has handled the request, or
 * refuses the connection. Requests are recognised by their request line at the start of a
 * chunk, which is enough for the clients of our own tests.
 * (Branch cloud writes test/support/fault-proxy.ts; this one is the sync branch's own until
 * they are merged. It lives under src/ because tsconfig.json type-checks src/ only.)
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'cut-request' }
  | { kind: 'drop-response' }
  | { kind: 'refuse' };

export interface RequestInfo {
  method: string;
  path: string;
  /** Requests seen so far with this method and path, this one included (1-based). */
  n: number;
}

export interface FaultProxy {
  url: string;
  /** Decides the fault of each request; default: pass everything. */
  plan: (r: RequestInfo) => Fault;
  /** Refuses every new connection while true. */
  down: boolean;
  requests: RequestInfo[];
  close(): Promise<void>;
}

const REQUEST_LINE = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/;

export async function startFaultProxy(upstreamPort: number): Promise<FaultProxy> {
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const proxy: FaultProxy = {
    url: '',
    plan: () => ({ kind: 'pass' }),
    down: false,
    requests: [],
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  function onConnection(client: Socket) {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (proxy.down) {
      client.destroy();
      return;
    }
    const upstream = connect(upstreamPort, '127.0.0.1');
    sockets.add(upstream);
    let dropResponse = false;
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('data', (chunk: Buffer) => (dropResponse ? kill() : client.write(chunk)));
    upstream.on('end', () => client.end());
    upstream.on('error', kill);
    client.on('error', kill);
    client.on('end', () => upstream.end());
    client.on('data', (chunk: Buffer) => {
      const line = REQUEST_LINE.exec(chunk.subarray(0, 512).toString('latin1'));
      if (!line) {
        upstream.write(chunk);
        return;
      }
      const key = `${line[1]} ${(line[2] ?? '').split('?')[0]}`;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      const info = { method: line[1]!, path: (line[2] ?? '').split('?')[0]!, n };
      proxy.requests.push(info);
      const fault = proxy.plan(info);
      switch (fault.kind) {
        case 'pass':
          upstream.write(chunk);
          return;
        case 'refuse':
        case 'cut-request':
          // Half a request went out at most: the upstream never sees a whole one.
          upstream.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
          kill();
          return;
        case 'drop-response':
          dropResponse = true;
          upstream.write(chunk);
          return;
        case 'delay':
          client.pause();
          setTimeout(() => {
            upstream.write(chunk);
            client.resume();
          }, fault.ms);
          return;
      }
    });
  }

  const server: Server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
