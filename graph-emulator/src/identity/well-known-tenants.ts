/** The tenant of every personal Microsoft account (the `consumers` audience): the `tid` of their tokens. */
export const PERSONAL_ACCOUNT_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
