import { graphql } from '../api/graphql-client';
import { navigate } from '../router/history';
import type { ShellHost } from './front-extension.types';

/** One stable object, so extensions can put it in hook dependencies. */
export const shellHost: ShellHost = { graphql, navigate };
