import { GraphQLError } from 'graphql';
import { MicrosoftAccountNotFoundException } from './microsoft-account.service.js';

/** Another member's (or no) account answers NOT_FOUND, whichever resolver asked. */
export async function notFoundAsGraphqlError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MicrosoftAccountNotFoundException) throw new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    throw error;
  }
}
