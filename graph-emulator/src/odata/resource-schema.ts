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
  /** Several properties of one scalar type in a row, in the order given. */
  scalars: (type: ScalarType, names: string[], options: Partial<PropertySpec> = {}): PropertySpec[] =>
    names.map((name) => spec.scalar(name, type, options)),
  /** microsoft.graph.outlookItem's members (with the entity's id), which messages, events and contacts open with. */
  outlookItem: (): PropertySpec[] => [
    spec.scalar('id', 'String'),
    ...spec.scalars('DateTimeOffset', ['createdDateTime', 'lastModifiedDateTime']),
    spec.scalar('changeKey', 'String'),
    spec.scalar('categories', 'String', { collection: true, sort: false }),
  ],
};

/** The `$expand` entries of Outlook types for what the emulator never stores. */
export const NOT_STORED = {
  extensions: { extensions: 'it stores no open extensions' },
  extendedProperties: {
    singleValueExtendedProperties: 'it stores no extended properties',
    multiValueExtendedProperties: 'it stores no extended properties',
  },
} as const;

type Paging = Partial<Pick<ResourceSchema, 'search' | 'searchMaxResults' | 'defaultTop' | 'maxTop' | 'orderbyLeadsFilter'>>;

/** A resource table with the usual paging (10 a page, $top up to 1000), no `$search` and no Outlook orderby rule. */
export function resource(
  type: string, properties: PropertySpec[], expand: ResourceSchema['expand'], paging: Paging = {},
): ResourceSchema {
  return { type, properties, expand, search: null, defaultTop: 10, maxTop: 1000, orderbyLeadsFilter: false, ...paging };
}
