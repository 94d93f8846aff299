const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a client-given id can name a row (ids are UUIDs; anything else is refused before it reaches SQL). */
export const isUuid = (value: string): boolean => UUID.test(value);
