import type { Comparison, FilterNode, Operand } from './filter-tree.js';

/** A top-level property's value as Graph writes it in JSON. */
export type PropertyReader<T> = (item: T, property: string) => unknown;

type Value = string | number | boolean | null;

/**
 * Whether `item` passes the (already checked) filter. Strings compare case-insensitively, as Exchange compares
 * them; dates compare as instants.
 */
export function matchesFilter<T>(node: FilterNode, item: T, read: PropertyReader<T>): boolean {
  return evaluate(node, { item, read, scope: new Map() });
}

interface Context<T> {
  item: T;
  read: PropertyReader<T>;
  scope: Map<string, unknown>;
}

function evaluate<T>(node: FilterNode, context: Context<T>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, context) && evaluate(node.right, context);
    case 'or':
      return evaluate(node.left, context) || evaluate(node.right, context);
    case 'not':
      return !evaluate(node.operand, context);
    case 'compare':
      return compare(node.op, node.left, node.right, context);
    case 'call': {
      const [subject, prefix] = node.args.map((arg) => value(arg, context));
      if (typeof subject !== 'string' || typeof prefix !== 'string') return false;
      const text = subject.toLowerCase();
      const part = prefix.toLowerCase();
      if (node.method === 'startswith') return text.startsWith(part);
      if (node.method === 'endswith') return text.endsWith(part);
      return text.includes(part);
    }
    case 'any':
    case 'all': {
      const items = navigate(context.read(context.item, node.path[0]!), node.path.slice(1));
      const list = Array.isArray(items) ? items : [];
      if (!node.predicate) return node.kind === 'any' ? list.length > 0 : true;
      const test = (element: unknown) => evaluate(node.predicate!, { ...context, scope: new Map(context.scope).set(node.variable!, element) });
      return node.kind === 'any' ? list.some(test) : list.every(test);
    }
    case 'operand':
      return value(node.operand, context) === true;
  }
}

function navigate(start: unknown, path: string[]): unknown {
  let current = start;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[segment];
  }
  return current ?? null;
}

function literalValue(edm: string, raw: string): Value {
  if (edm === 'null') return null;
  if (edm === 'Edm.String') return raw.slice(1, -1).replace(/''/g, "'");
  if (edm === 'Edm.Boolean') return raw.toLowerCase() === 'true';
  if (edm === 'Edm.DateTimeOffset' || edm === 'Edm.Date') return Date.parse(raw);
  const number = Number(raw);
  return Number.isNaN(number) ? raw : number;
}

function value<T>(operand: Operand, context: Context<T>): Value {
  if (operand.kind === 'literal') return literalValue(operand.edm, operand.raw);
  const start = operand.variable !== undefined ? context.scope.get(operand.variable) : context.read(context.item, operand.path[0]!);
  const found = navigate(start, operand.variable !== undefined ? operand.path : operand.path.slice(1));
  return found as Value;
}

function isDateLiteral(operand: Operand): boolean {
  return operand.kind === 'literal' && (operand.edm === 'Edm.DateTimeOffset' || operand.edm === 'Edm.Date');
}

function compare<T>(op: Comparison, leftOperand: Operand, rightOperand: Operand, context: Context<T>): boolean {
  const dates = isDateLiteral(leftOperand) || isDateLiteral(rightOperand);
  const normalise = (input: Value): Value => {
    if (dates && typeof input === 'string') return Date.parse(input);
    return typeof input === 'string' ? input.toLowerCase() : input;
  };
  const left = normalise(value(leftOperand, context));
  const right = normalise(value(rightOperand, context));
  if (op === 'eq') return left === right;
  if (op === 'ne') return left !== right;
  if (left === null || right === null) return false;
  const order = compareValues(left, right);
  return op === 'gt' ? order > 0 : op === 'ge' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
}

/** Orders two values of one type; null sorts first, as OData has it. */
export function compareValues(left: unknown, right: unknown): number {
  if (left === right) return 0;
  if (left === null || left === undefined) return -1;
  if (right === null || right === undefined) return 1;
  if (typeof left === 'string' && typeof right === 'string') return left.localeCompare(right, 'en', { sensitivity: 'base' });
  return (left as number) < (right as number) ? -1 : (left as number) > (right as number) ? 1 : 0;
}
