export {
  parseGatewayConfig,
  readGatewayConfig,
  type GatewayConfig,
  type GatewayConfigInput,
  type UpstreamConfig,
} from './config.js';
export { ESCALATION_PATH, modelGatewayExtension, type GatewayContext } from './gateway.js';
export { registerGatewayMetrics, type GatewayMetrics } from './metrics.js';
export {
  createUpstreamPool,
  rankUpstreams,
  type ForwardResult,
  type UpstreamPool,
} from './pool.js';
