import { defaultParser } from '@odata/parser';
import { odataErrors } from './odata-errors.js';

export type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** A literal as written: its EDM type as the parser read it, and its text. */
export interface Literal {
  kind: 'literal';
  edm: string;
  raw: string;
}

/** A property path from the item (`from/emailAddress/address`) or from a lambda variable (`r/emailAddress/address`). */
export interface PathOperand {
  kind: 'path';
  variable?: string;
  path: string[];
}

export type Operand = Literal | PathOperand;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: Comparison; left: Operand; right: Operand }
  | { kind: 'call'; method: string; args: Operand[] }
  | { kind: 'any' | 'all'; path: string[]; variable?: string; predicate?: FilterNode }
  | { kind: 'operand'; operand: Operand };

/** A node of @odata/parser's tree: `value` is a child node, an array of them, a literal's type name or named fields. */
interface Token {
  type: string;
  value: TokenValue;
  raw: string;
}

interface TokenValue {
  type?: string;
  value?: TokenValue;
  left?: Token;
  right?: Token;
  method?: string;
  parameters?: Token[];
  variable?: Token;
  predicate?: Token;
  name?: string;
  current?: Token;
  next?: Token;
}

const COMPARISONS: Record<string, Comparison> = {
  EqualsExpression: 'eq', NotEqualsExpression: 'ne', GreaterThanExpression: 'gt',
  GreaterOrEqualsExpression: 'ge', LesserThanExpression: 'lt', LesserOrEqualsExpression: 'le',
};

// What the parser can read but the engine does not evaluate, by token type.
const UNSUPPORTED: Record<string, string> = {
  HasExpression: "the 'has' operator in $filter", AddExpression: "arithmetic ('add') in $filter",
  SubExpression: "arithmetic ('sub') in $filter", MulExpression: "arithmetic ('mul') in $filter",
  DivExpression: "arithmetic ('div') in $filter", ModExpression: "arithmetic ('mod') in $filter",
  IsOfExpression: "'isof' in $filter", CastExpression: "'cast' in $filter", NegateExpression: "negation ('-') in $filter",
};

/** `$filter`'s text as a tree, read by @odata/parser; a syntax error is Graph's 400. */
export function parseFilter(text: string): FilterNode {
  let token: Token;
  try {
    token = defaultParser.filter(text) as unknown as Token;
  } catch {
    throw odataErrors.syntax('$filter', text);
  }
  return toNode(token);
}

function unwrap(token: Token): Token {
  let current = token;
  while (current.type === 'CommonExpression' || current.type === 'BoolParenExpression' || current.type === 'ParenExpression' || current.type === 'LambdaPredicateExpression') {
    current = current.value as Token;
  }
  return current;
}

function toNode(input: Token): FilterNode {
  const token = unwrap(input);
  const comparison = COMPARISONS[token.type];
  if (comparison) return { kind: 'compare', op: comparison, left: toOperand(token.value.left!), right: toOperand(token.value.right!) };
  switch (token.type) {
    case 'AndExpression':
      return { kind: 'and', left: toNode(token.value.left!), right: toNode(token.value.right!) };
    case 'OrExpression':
      return { kind: 'or', left: toNode(token.value.left!), right: toNode(token.value.right!) };
    case 'NotExpression':
      return { kind: 'not', operand: toNode(token.value as Token) };
    case 'MethodCallExpression':
      return { kind: 'call', method: String(token.value.method).toLowerCase(), args: (token.value.parameters ?? []).map(toOperand) };
    case 'FirstMemberExpression': {
      const lambda = lambdaOf(token);
      return lambda ?? { kind: 'operand', operand: toOperand(token) };
    }
    case 'Literal':
      return { kind: 'operand', operand: toOperand(token) };
    default:
      throw odataErrors.notImplemented(UNSUPPORTED[token.type] ?? `'${token.raw}' in $filter`);
  }
}

/** `toRecipients/any(r: …)` as a node, or undefined for a plain member path. */
function lambdaOf(member: Token): FilterNode | undefined {
  const { variable, path, collection } = walkMember(member);
  if (!collection) return undefined;
  const kind = collection.type === 'AnyExpression' ? 'any' : 'all';
  const predicate = collection.value.predicate ? toNode(collection.value.predicate) : undefined;
  const name = collection.value.variable?.value.name;
  if (variable) throw odataErrors.notImplemented('a lambda operator inside another lambda in $filter');
  return { kind, path, ...(name ? { variable: name } : {}), ...(predicate ? { predicate } : {}) };
}

function toOperand(input: Token): Operand {
  const token = unwrap(input);
  if (token.type === 'Literal') return { kind: 'literal', edm: String(token.value), raw: token.raw };
  if (token.type === 'FirstMemberExpression' || token.type === 'MemberExpression') {
    const { variable, path, collection } = walkMember(token);
    if (collection) throw odataErrors.notImplemented(`'${token.raw}' as an operand in $filter`);
    return { kind: 'path', ...(variable ? { variable } : {}), path };
  }
  if (UNSUPPORTED[token.type]) throw odataErrors.notImplemented(UNSUPPORTED[token.type]!);
  if (token.type === 'MethodCallExpression') throw odataErrors.notImplemented(`the '${String(token.value.method)}' function as an operand in $filter`);
  throw odataErrors.notImplemented(`'${token.raw}' as an operand in $filter`);
}

/** Flattens the parser's member chain into names; notes a lambda variable at its start and an any/all at its end. */
function walkMember(token: Token): { variable?: string; path: string[]; collection?: Token } {
  const path: string[] = [];
  let variable: string | undefined;
  let collection: Token | undefined;
  const visit = (node: Token | Token[] | undefined): void => {
    if (node === undefined) return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    switch (node.type) {
      case 'FirstMemberExpression':
      case 'MemberExpression':
      case 'SingleNavigationExpression':
      case 'ComplexPathExpression':
      case 'SinglePathExpression':
        visit(node.value as unknown as Token | Token[]);
        return;
      case 'LambdaVariableExpression':
        variable = node.value.name;
        return;
      case 'ODataIdentifier':
        path.push(node.value.name!);
        return;
      case 'PropertyPathExpression':
        if (node.value?.type) visit(node.value as Token);
        else {
          visit(node.value.current);
          visit(node.value.next);
        }
        return;
      case 'CollectionPathExpression':
      case 'CollectionNavigationExpression':
        if (node.value?.type === 'AnyExpression' || node.value?.type === 'AllExpression') collection = node.value as Token;
        else visit(node.value as Token);
        return;
      default:
        throw odataErrors.notImplemented(`'${node.raw}' in $filter`);
    }
  };
  visit(token);
  return { ...(variable ? { variable } : {}), path, ...(collection ? { collection } : {}) };
}
