/** Just enough of GraphQL introspection to call every field of a schema with generated arguments. */
export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

export interface InputValue {
  name: string;
  type: TypeRef;
}

export interface SchemaField {
  name: string;
  args: InputValue[];
  type: TypeRef;
}

export interface SchemaType {
  kind: string;
  name: string;
  fields: SchemaField[] | null;
  inputFields: InputValue[] | null;
  enumValues: Array<{ name: string }> | null;
}

export interface IntrospectedSchema {
  queryType: { name: string };
  mutationType: { name: string } | null;
  types: SchemaType[];
}

const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

export const INTROSPECTION_QUERY = `{ __schema {
  queryType { name } mutationType { name }
  types { kind name enumValues { name }
    fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } }
    inputFields { name type { ${TYPE_REF} } } } } }`;

export const isRequired = (type: TypeRef) => type.kind === 'NON_NULL';

/** The named type under NON_NULL and LIST wrappers, and whether a list is among them. */
export function unwrap(type: TypeRef): { name: string; kind: string; list: boolean } {
  let current: TypeRef = type;
  let list = false;
  while (current.ofType) {
    if (current.kind === 'LIST') list = true;
    current = current.ofType;
  }
  return { name: current.name!, kind: current.kind, list };
}

/** `{ a b c { d e } }` for an object type: every scalar and enum field, objects down to `depth` levels. */
export function selectionFor(schema: IntrospectedSchema, typeName: string, depth = 3): string {
  const type = schema.types.find((candidate) => candidate.name === typeName);
  if (!type?.fields) return '';
  const parts: string[] = [];
  for (const field of type.fields) {
    if (field.args.some((arg) => isRequired(arg.type))) continue;
    const named = unwrap(field.type);
    if (named.kind === 'SCALAR' || named.kind === 'ENUM') parts.push(field.name);
    else if (named.kind === 'OBJECT' && depth > 1) {
      const inner = selectionFor(schema, named.name, depth - 1);
      if (inner) parts.push(`${field.name} ${inner}`);
    }
  }
  return parts.length ? `{ ${parts.join(' ')} }` : '{ __typename }';
}

/** A GraphQL type name as written in a variable definition (`[ID!]!`). */
export function typeLiteral(type: TypeRef): string {
  if (type.kind === 'NON_NULL') return `${typeLiteral(type.ofType!)}!`;
  if (type.kind === 'LIST') return `[${typeLiteral(type.ofType!)}]`;
  return type.name!;
}
