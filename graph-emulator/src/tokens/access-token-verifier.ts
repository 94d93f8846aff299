import { errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { GraphError } from '../errors/error-factory.js';
import type { EmulatorContext } from '../http/emulator-context.js';
import { GRAPH_RESOURCE_APP_ID, GRAPH_RESOURCE_URI } from './token-format.js';

export interface GraphAccessTokenClaims extends JWTPayload {
  oid: string;
  tid: string;
  scp: string;
  appid: string;
}

const invalid = (message: string): GraphError => new GraphError(401, 'InvalidAuthenticationToken', message);

/** Verifies a bearer token for Graph: signature, lifetime, audience. Throws a 401 GraphError otherwise. */
export async function verifyGraphAccessToken(context: EmulatorContext, authorization: string | undefined): Promise<GraphAccessTokenClaims> {
  if (!authorization) throw invalid('Access token is empty.');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw invalid('Access token validation failure. Invalid audience.');
  try {
    const { payload } = await jwtVerify(match[1]!, context.signingKey.publicKey, {
      algorithms: ['RS256'],
      audience: [GRAPH_RESOURCE_APP_ID, GRAPH_RESOURCE_URI, `${GRAPH_RESOURCE_URI}/`],
    });
    if (typeof payload.oid !== 'string' || typeof payload.tid !== 'string' || typeof payload.scp !== 'string') {
      throw invalid('Access token validation failure.');
    }
    return payload as GraphAccessTokenClaims;
  } catch (error) {
    if (error instanceof GraphError) throw error;
    if (error instanceof errors.JWTExpired) {
      throw invalid('Lifetime validation failed, the token is expired.');
    }
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
      throw invalid('Access token validation failure. Invalid audience.');
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      throw invalid('Access token validation failure. Signature is invalid.');
    }
    throw invalid('IDX14100: JWT is not well formed.');
  }
}
