/** How the query engine sees one Graph resource type: its properties, what each supports, and its relationships. */

export type ScalarType = 'String' | 'Boolean' | 'Int32' | 'DateTimeOffset' | 'Enum';

/** A complex value's members (`emailAddress: { name, address }`), each a scalar or another complex value. */
export interface ComplexShape {
  [member: string]: ScalarType | ComplexShape;
}

export interface PropertySpec {
  name: string;
  type: ScalarType | ComplexShape;
  /** A collection of `type` (toRecipients, categories). */
  collection?: boolean;
  /** In `$filter`: true; false where the emulator does not filter on it (answered 501). */
  filter: boolean;
  /** In `$orderby`: true; false where the emulator does not sort on it (answered 501). */
  sort: boolean;
  /** Returned without `$select` (Graph's default set). */
  default: boolean;
}

export interface ResourceSchema {
  /** The type's name in `microsoft.graph.{type}`. */
  type: string;
  properties: PropertySpec[];
  /** Documented relationships for `$expand`: the value says what the emulator lacks to expand it, or null when it does. */
  expand: Record<string, string | null>;
  /** `$search`: null when the resource takes none in Graph; otherwise whether the emulator answers it. */
  search: 'kql' | null;
  /** How many results a `$search` gives at most, paged by `$skiptoken` (Outlook: 1000 for messages). */
  searchMaxResults?: number;
  defaultTop: number;
  maxTop: number;
  /** Outlook's rule for messages: `$orderby`'s properties must lead `$filter`, in the same order (else InefficientFilter). */
  orderbyLeadsFilter: boolean;
}

export function findProperty(schema: ResourceSchema, name: string): PropertySpec | undefined {
  const lower = name.toLowerCase();
  return schema.properties.find((property) => property.name.toLowerCase() === lower);
}

const RECIPIENT: ComplexShape = { emailAddress: { name: 'String', address: 'String' } };

/** Building blocks for resource tables. */
export const spec = {
  scalar: (name: string, type: ScalarType, options: Partial<PropertySpec> = {}): PropertySpec => ({
    name, type, filter: true, sort: true, default: true, ...options,
  }),
  recipient: (name: string, options: Partial<PropertySpec> = {}): PropertySpec => ({
    name, type: RECIPIENT, filter: true, sort: true, default: true, ...options,
  }),
  recipients: (name: string, options: Partial<PropertySpec> = {}): PropertySpec => ({
    name, type: RECIPIENT, collection: true, filter: true, sort: false, default: true, ...options,
  }),
  complex: (name: string, type: ComplexShape, options: Partial<PropertySpec> = {}): PropertySpec => ({
    name, type, filter: false, sort: false, default: true, ...options,
  }),
};
