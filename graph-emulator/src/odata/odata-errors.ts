import { GraphError } from '../errors/error-factory.js';

/** The errors the query engine answers: Graph's where Graph refuses too, 501 where only the emulator falls short. */
export const odataErrors = {
  unknownProperty: (property: string, type: string) =>
    new GraphError(400, 'BadRequest', `Could not find a property named '${property}' on type 'microsoft.graph.${type}'.`),
  unknownOption: (name: string) => new GraphError(400, 'BadRequest', `The query parameter '${name}' is not supported.`),
  syntax: (option: string, raw: string) => new GraphError(400, 'BadRequest', `Invalid ${option} query option: syntax error in '${raw}'.`),
  invalidValue: (option: string, raw: string) => new GraphError(400, 'ErrorInvalidUrlQuery', `Invalid value '${raw}' for ${option}.`),
  tooLarge: (option: string, max: number) => new GraphError(400, 'ErrorInvalidUrlQuery', `The value of ${option} cannot exceed ${max}.`),
  typeMismatch: (property: string, expected: string) =>
    new GraphError(400, 'BadRequest', `The types of '${property}' and the literal it is compared with are incompatible: '${property}' is ${expected}.`),
  // Outlook's answer when $orderby's properties do not lead $filter in the same order.
  inefficientFilter: () => new GraphError(400, 'InefficientFilter', 'The restriction or sort order is too complex for this operation.'),
  notSupportedWith: (option: string, other: string) =>
    new GraphError(400, 'BadRequest', `The query parameter '${option}' is not supported with '${other}'.`),
  notImplemented: (what: string) => new GraphError(501, 'NotImplemented', `The Graph emulator does not implement ${what}.`),
};
