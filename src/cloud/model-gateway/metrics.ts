/**
 * Metrics of the model gateway, registered on the coordinator's registry. The queue depth is
 * read at scrape time from the upstream queues themselves, so it cannot drift from them.
 *
 * Scale-out rule (README): when `medassist_model_queue_depth` of the pool stays above 10 for
 * several minutes, requests are waiting beyond every server's concurrency limit: add a model
 * server to `modelGateway.upstreams`.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Upstream } from './pool.js';

export interface GatewayMetrics {
  served(upstream: string, outcome: string): void;
}

export function registerGatewayMetrics(
  registry: Registry,
  upstreams: readonly Upstream[],
): GatewayMetrics {
  new Gauge({
    name: 'medassist_model_queue_depth',
    help: 'Escalations waiting for an upstream model server beyond its concurrency limit',
    labelNames: ['upstream'],
    registers: [registry],
    collect() {
      for (const u of upstreams) this.set({ upstream: u.config.name }, u.limiter.queued);
    },
  });
  new Gauge({
    name: 'medassist_model_in_flight',
    help: 'Escalations an upstream model server is answering now',
    labelNames: ['upstream'],
    registers: [registry],
    collect() {
      for (const u of upstreams) this.set({ upstream: u.config.name }, u.limiter.active);
    },
  });
  const attempts = new Counter({
    name: 'medassist_model_upstream_attempts_total',
    help: 'Attempts on upstream model servers by outcome (ok or an error code)',
    labelNames: ['upstream', 'outcome'],
    registers: [registry],
  });

  return { served: (upstream, outcome) => attempts.inc({ upstream, outcome }) };
}
