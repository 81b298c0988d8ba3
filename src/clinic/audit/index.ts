export {
  AUDIT_DETAIL_MAX,
  AUDIT_READ_DEFAULT_LIMIT,
  AUDIT_READ_MAX_LIMIT,
  appendAudit,
  readAudit,
  type AuditAction,
  type AuditEntry,
  type AuditOutcome,
  type AuditRow,
} from './audit-log.js';
export { GENESIS_HASH, verifyAuditChain, type ChainVerdict } from './audit-chain.js';
export { withAudit, type AuditTarget } from './audited.js';
export { AUDIT_SCHEMA_SQL } from '../auth/schema.js';
