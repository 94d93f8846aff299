import { CreateMicrosoftVaultAndOAuthState1764061200000 } from './1764061200000-create-microsoft-vault-and-oauth-state.js';

/** TypeORM migrations for the tables the plugin owns; hosts run them after their own. */
export const pluginMigrations: Function[] = [CreateMicrosoftVaultAndOAuthState1764061200000];
