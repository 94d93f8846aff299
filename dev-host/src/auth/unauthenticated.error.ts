import { UnauthorizedException } from '@nestjs/common';

/** Apollo's driver turns this into a GraphQL error with code UNAUTHENTICATED; Nest doesn't log it as a crash. */
export function unauthenticatedError(message = 'You must be signed in'): UnauthorizedException {
  return new UnauthorizedException(message);
}
