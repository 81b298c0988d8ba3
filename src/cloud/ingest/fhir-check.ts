/**
 * The FHIR R4 profile the coordinator accepts for an uploaded encounter: the second line of
 * the privacy defence (the clinic's anonymiser is the first). Returns the first reason to
 * refuse, or null.
 *
 * - A Bundle of type "collection" (FHIR R4 Bundle.type) whose entries are Encounter,
 *   Condition, Observation or MedicationRequest only; no Patient anywhere, no `contained`.
 * - No narrative (`text`, FHIR R4 DomainResource.text), notes or free-text values, and none of
 *   the elements that identify a person (name, birthDate, telecom, address, photo, contact).
 * - Identifiers only in our own systems (`urn:medassist:`); references only within the bundle
 *   (`urn:uuid:`), so nothing points at a patient record elsewhere.
 * - No date finer than the week: a date is YYYY, YYYY-MM or the Monday of an ISO week as
 *   YYYY-MM-DD, never with a time.
 */
const ALLOWED_RESOURCES = new Set(['Encounter', 'Condition', 'Observation', 'MedicationRequest']);
const FORBIDDEN_KEYS = new Set([
  'text',
  'note',
  'name',
  'birthDate',
  'telecom',
  'address',
  'photo',
  'contact',
  'contained',
  'valueString',
  'patientInstruction',
  'comment',
]);
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;
const MAX_ENTRIES = 200;
/** Our bundles nest about 8 levels (entry, resource, coding, ...); 32 leaves room. */
const MAX_DEPTH = 32;
const MAX_STRING = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 40) : typeof value;
}

function checkDate(value: string, path: string): string | null {
  if (!DATE_LIKE.test(value)) return null;
  if (value.length > 10) return `${path}: date finer than the week [${value.slice(0, 25)}]`;
  const day = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.getUTCDay() !== 1) {
    return `${path}: a date must be the Monday of its ISO week [${value}]`;
  }
  return null;
}

function checkString(key: string, value: string, path: string): string | null {
  if (value.length > MAX_STRING) return `${path}: string longer than ${MAX_STRING} characters`;
  if (key === 'reference' && !value.startsWith('urn:uuid:')) {
    return `${path}: references must stay within the bundle (urn:uuid:) [${value.slice(0, 40)}]`;
  }
  return checkDate(value, path);
}

function checkIdentifiers(value: unknown, path: string): string | null {
  const list = Array.isArray(value) ? value : [value];
  for (const id of list) {
    const system = isRecord(id) ? id.system : undefined;
    if (typeof system !== 'string' || !system.startsWith('urn:medassist:')) {
      return `${path}: identifier outside our systems (urn:medassist:) [${typeName(system)}]`;
    }
  }
  return null;
}

/**
 * Walks every value; the first problem found, or null. `key` is the element name of `node`
 * (its path's last part), passed along so no path is read back: paths are only concatenated,
 * which stays cheap until a message needs one.
 */
function walk(node: unknown, path: string, key: string, depth = 0): string | null {
  if (typeof node === 'string') return checkString(key, node, path);
  // The walk recurses: a deeper body would end it with a RangeError, failing the whole push.
  if (depth > MAX_DEPTH) return `${path}: nested deeper than ${MAX_DEPTH} levels`;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const problem = walk(node[i], `${path}[${i}]`, key, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (!isRecord(node)) return null;
  if (node.resourceType !== undefined && !ALLOWED_RESOURCES.has(typeName(node.resourceType))) {
    return `${path}: resource type not allowed [${typeName(node.resourceType)}]`;
  }
  for (const name in node) {
    if (!Object.hasOwn(node, name)) continue;
    if (FORBIDDEN_KEYS.has(name))
      return `${path}.${name}: element not allowed in an upload [${name}]`;
    const value = node[name];
    const problem =
      name === 'identifier'
        ? checkIdentifiers(value, `${path}.${name}`)
        : walk(value, `${path}.${name}`, name, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** Null when `bundle` fits the profile above, else the reason (no patient data in it). */
export function checkFhirBundle(bundle: Record<string, unknown>): string | null {
  if (bundle.resourceType !== 'Bundle')
    return `fhir.resourceType: must be Bundle [${typeName(bundle.resourceType)}]`;
  if (bundle.type !== 'collection')
    return `fhir.type: must be collection [${typeName(bundle.type)}]`;
  const entries = bundle.entry;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
    return `fhir.entry: 1 to ${MAX_ENTRIES} entries expected`;
  }
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    const resource = isRecord(entry) ? entry.resource : undefined;
    if (!isRecord(resource) || !ALLOWED_RESOURCES.has(typeName(resource.resourceType))) {
      const type = isRecord(resource) ? typeName(resource.resourceType) : 'none';
      return `fhir.entry[${i}].resource: resource type not allowed [${type}]`;
    }
  }
  const rest = Object.fromEntries(
    Object.entries(bundle).filter(([k]) => k !== 'resourceType' && k !== 'type'),
  );
  return walk(rest, 'fhir', 'fhir');
}

/** Classification codes of the Condition resources (Condition.code.coding[].code). */
export function classificationCodes(bundle: Record<string, unknown>): string[] {
  const codes: string[] = [];
  for (const entry of bundle.entry as { resource: Record<string, unknown> }[]) {
    if (entry.resource.resourceType !== 'Condition') continue;
    const coding = (entry.resource.code as { coding?: { code?: unknown }[] } | undefined)?.coding;
    for (const c of coding ?? []) if (typeof c.code === 'string') codes.push(c.code);
  }
  return codes;
}
