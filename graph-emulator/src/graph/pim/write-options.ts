import { odataErrors } from '../../odata/odata-errors.js';
import { refuseQueryOptions } from '../../odata/query-options.js';
import type { GraphCall } from '../graph-call.js';

/** Writes here take no OData query options: one is answered 501, never ignored. */
export function refuseWriteOptions(call: GraphCall): void {
  refuseQueryOptions(call.query, (name) => odataErrors.notImplemented(`the ${name} query option on ${call.method} requests for contacts and To Do`));
}
