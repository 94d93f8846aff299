/** A Graph v1.0 API reference page by its file name (`user-get`, `message-delta` …). */
export const graphApi = (page: string): string => `https://learn.microsoft.com/graph/api/${page}?view=graph-rest-1.0`;

/** A Graph concept page (`json-batching`, `query-parameters#count-parameter` …). */
export const graphConcept = (page: string): string => `https://learn.microsoft.com/graph/${page}`;

/** A Microsoft identity platform page (`v2-oauth2-auth-code-flow` …). */
export const identityDoc = (page: string): string => `https://learn.microsoft.com/entra/identity-platform/${page}`;
