import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const schemaDir = new URL('../schemas/', import.meta.url);

/** The official Adaptive Cards 1.5 schema (draft-06), copied into the project so a clone can test alone. */
export function adaptiveCardValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  // The file names itself with draft-04's "id"; Ajv 8 reads only "$id". Nothing else in it uses "id" as a keyword.
  const { id, ...schema } = JSON.parse(readFileSync(new URL('adaptive-card-1.5.json', schemaDir), 'utf8'));
  // Teams renders Input.ChoiceSet with style "filtered" as a typeahead (its documented extension); the 1.5
  // schema predates that value, so it is the one thing accepted beyond the schema as published.
  schema.definitions.ChoiceInputStyle.anyOf[0].enum.push('filtered');
  // Teams' chart elements, as its documentation describes them (charts in Adaptive Cards), which the 1.5
  // schema predates: accepted only in that shape, and only with a fallback for clients that cannot draw them.
  const common = {
    id: { type: 'string' },
    title: { type: 'string' },
    colorSet: { type: 'string' },
    fallback: {},
    separator: {},
    spacing: {},
    height: {},
    isVisible: {},
  };
  schema.definitions['Chart.Donut'] = {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'data', 'fallback'],
    properties: {
      type: { enum: ['Chart.Donut'] },
      ...common,
      data: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['legend', 'value'],
          properties: { legend: { type: 'string' }, value: { type: 'number' }, color: { type: 'string' } },
        },
      },
    },
  };
  schema.definitions['Chart.HorizontalBar'] = {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'data', 'fallback'],
    properties: {
      type: { enum: ['Chart.HorizontalBar'] },
      ...common,
      displayMode: { enum: ['AbsoluteWithAxis', 'AbsoluteNoAxis', 'PartToWhole'] },
      xAxisTitle: { type: 'string' },
      yAxisTitle: { type: 'string' },
      color: { type: 'string' },
      data: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['x', 'y'],
          properties: { x: { type: 'string' }, y: { type: 'number' }, color: { type: 'string' } },
        },
      },
    },
  };
  for (const chart of ['Chart.Donut', 'Chart.HorizontalBar']) {
    schema.definitions['ImplementationsOf.Element'].anyOf.push({ required: ['type'], allOf: [{ $ref: `#/definitions/${chart}` }] });
  }
  return ajv.compile({ $id: id, ...schema });
}
