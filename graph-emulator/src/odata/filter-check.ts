import { GraphError } from '../errors/error-factory.js';
import type { FilterNode, Literal, Operand, PathOperand } from './filter-tree.js';
import { odataErrors } from './odata-errors.js';
import { findProperty, type ComplexShape, type ResourceSchema, type ScalarType } from './resource-schema.js';

interface Resolved {
  type: ScalarType | ComplexShape;
  collection: boolean;
}

const OPERATOR_KIND = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' } as const;
const NUMERIC = new Set(['Edm.SByte', 'Edm.Byte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Decimal', 'Edm.Double', 'Edm.Single']);
const EDM: Record<ScalarType, string> = { String: 'Edm.String', Enum: 'Edm.String', Boolean: 'Edm.Boolean', Int32: 'Edm.Int32', DateTimeOffset: 'Edm.DateTimeOffset' };
const STRING_FUNCTIONS = ['startswith', 'endswith', 'contains'];

/**
 * Checks a `$filter` tree against the resource before anything is evaluated, so a bad filter fails on an empty
 * folder too. Property paths are rewritten to their canonical names (Graph matches them case-insensitively).
 */
export function checkFilter(node: FilterNode, schema: ResourceSchema, scope = new Map<string, Resolved>()): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      checkFilter(node.left, schema, scope);
      checkFilter(node.right, schema, scope);
      return;
    case 'not':
      checkFilter(node.operand, schema, scope);
      return;
    case 'compare': {
      const left = operandType(node.left, schema, scope);
      const right = operandType(node.right, schema, scope);
      if (left === 'collection' || right === 'collection') {
        throw new GraphError(400, 'BadRequest', `The operand for a binary operator '${OPERATOR_KIND[node.op]}' is not a single value. Binary operators require both operands to be single values.`);
      }
      if (!compatible(left, right)) {
        throw new GraphError(400, 'BadRequest', `A binary operator with incompatible types was detected. Found operand types '${left}' and '${right}' for operator kind '${OPERATOR_KIND[node.op]}'.`);
      }
      return;
    }
    case 'call': {
      if (!STRING_FUNCTIONS.includes(node.method)) throw odataErrors.notImplemented(`the '${node.method}' function in $filter`);
      const types = node.args.map((arg) => operandType(arg, schema, scope));
      if (types.length !== 2 || types.some((type) => type !== 'Edm.String')) {
        throw new GraphError(400, 'BadRequest', `No function signature for the function with name '${node.method}' matches the specified arguments.`);
      }
      return;
    }
    case 'any':
    case 'all': {
      const collection = resolve({ kind: 'path', path: node.path }, schema, scope);
      if (!collection.collection) throw new GraphError(400, 'BadRequest', `The '${node.kind}' operator must be applied to a collection: '${node.path.join('/')}' is not one.`);
      if (!node.predicate) return;
      const inner = new Map(scope);
      inner.set(node.variable!, { type: collection.type, collection: false });
      checkFilter(node.predicate, schema, inner);
      return;
    }
    case 'operand': {
      const type = operandType(node.operand, schema, scope);
      if (type !== 'Edm.Boolean') throw new GraphError(400, 'BadRequest', 'The $filter expression must evaluate to a single boolean value.');
      return;
    }
  }
}

/** Edm type name of a scalar operand, 'collection', or 'null'. */
function operandType(operand: Operand, schema: ResourceSchema, scope: Map<string, Resolved>): string {
  if (operand.kind === 'literal') return literalType(operand);
  const resolved = resolve(operand, schema, scope);
  if (resolved.collection) return 'collection';
  if (typeof resolved.type !== 'string') {
    throw new GraphError(400, 'BadRequest', `The property '${operand.path.join('/')}' is a complex value: compare one of its members.`);
  }
  return EDM[resolved.type];
}

function literalType(literal: Literal): string {
  if (literal.edm === 'null') return 'null';
  if (NUMERIC.has(literal.edm)) return 'Edm.Int32';
  if (literal.edm === 'Edm.Date') return 'Edm.DateTimeOffset';
  return literal.edm;
}

function compatible(left: string, right: string): boolean {
  return left === 'null' || right === 'null' || left === right;
}

function resolve(operand: PathOperand, schema: ResourceSchema, scope: Map<string, Resolved>): Resolved {
  let current: Resolved;
  let rest: string[];
  if (operand.variable !== undefined) {
    const bound = scope.get(operand.variable);
    if (!bound) throw new GraphError(400, 'BadRequest', `Could not find a property named '${operand.variable}' on type 'microsoft.graph.${schema.type}'.`);
    current = bound;
    rest = operand.path;
  } else {
    const property = findProperty(schema, operand.path[0]!);
    if (!property) throw odataErrors.unknownProperty(operand.path[0]!, schema.type);
    if (!property.filter) throw odataErrors.notImplemented(`$filter on '${property.name}' of ${schema.type}`);
    operand.path[0] = property.name;
    current = { type: property.type, collection: property.collection ?? false };
    rest = operand.path.slice(1);
  }
  const offset = operand.variable !== undefined ? 0 : 1;
  rest.forEach((segment, index) => {
    const shape = current.type;
    const member = typeof shape === 'string' || current.collection ? undefined : Object.keys(shape).find((key) => key.toLowerCase() === segment.toLowerCase());
    if (member === undefined || typeof shape === 'string') throw odataErrors.unknownProperty(segment, schema.type);
    operand.path[index + offset] = member;
    current = { type: shape[member]!, collection: false };
  });
  return current;
}
