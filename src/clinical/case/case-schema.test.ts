import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseJsonSchema, caseSchema, patientSchema } from './case-schema.js';
import { FINDINGS, FINDING_KEYS } from './vocabulary.js';

interface JsonSchemaNode {
  $schema?: string;
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean | object;
  anyOf?: JsonSchemaNode[];
  enum?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

// The schema goes through JSON, as a caller of `medassist schema` sees it.
const schema = JSON.parse(JSON.stringify(caseJsonSchema())) as JsonSchemaNode;
const findings = schema.properties?.findings ?? {};

function branches(node: JsonSchemaNode): JsonSchemaNode[] {
  return node.anyOf ? node.anyOf.flatMap(branches) : [node];
}

test('declares JSON Schema draft 2020-12', () => {
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(schema.type, 'object');
});

test('lists every vocabulary key under findings and no other', () => {
  assert.deepEqual(Object.keys(findings.properties ?? {}), [...FINDING_KEYS]);
  assert.equal(findings.additionalProperties, false);
});

test('describes every finding with its vocabulary description, unit and box', () => {
  for (const key of FINDING_KEYS) {
    const spec = FINDINGS[key];
    const description = findings.properties?.[key]?.description ?? '';
    assert.ok(description.startsWith(spec.description), key);
    assert.ok(description.includes(`Box: ${spec.box}.`), key);
    if (spec.unit) assert.ok(description.includes(`Unit: ${spec.unit}.`), key);
  }
});

test('gives numbers their plausible range and a decimal-string alternative', () => {
  const rate = branches(findings.properties?.respiratory_rate ?? {});
  assert.deepEqual(
    rate.find((b) => b.type === 'number'),
    { type: 'number', minimum: 5, maximum: 150 },
  );
  assert.ok(rate.some((b) => b.type === 'string' && b.pattern?.includes('[.,]')));
  assert.ok(rate.some((b) => b.type === 'null'));
});

test('gives enums their allowed values', () => {
  const drinking = branches(findings.properties?.drinking ?? {});
  assert.deepEqual(drinking.find((b) => b.type === 'string')?.enum, FINDINGS.drinking.values);
});

test('requires patient and findings and describes the patient fields', () => {
  assert.deepEqual(schema.required?.sort(), ['findings', 'patient']);
  const patient = schema.properties?.patient?.properties ?? {};
  assert.deepEqual(Object.keys(patient), Object.keys(patientSchema.shape));
  for (const [key, node] of Object.entries(patient)) assert.ok(node.description, key);
  assert.equal(branches(patient.date_of_birth ?? {})[0]?.format, 'date');
});

test('accepts the meta fields of the neutral format', () => {
  for (const key of [
    'source',
    'edition',
    'answer_quality',
    'assessed_boxes',
    'partial',
    'expected',
    'source_detail',
    'notes',
  ]) {
    assert.ok(schema.properties?.[key], key);
  }
});

test('gives bracketed messages when the schema is used directly', () => {
  const result = caseSchema.safeParse({ patient: {}, findings: { oxygen_saturation: 101 } });
  assert.equal(result.success, false);
  assert.equal(
    result.error?.issues[0]?.message,
    'is outside the plausible range 50 to 100 % SpO2 [101]',
  );
});
