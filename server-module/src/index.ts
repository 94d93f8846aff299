export * from './config/microsoft-plugin-config.js';
export * from './microsoft.module.js';
export { SecretCipher, SecretDecryptionError } from './vault/secret-cipher.js';
export { SecretVaultService, SecretKind } from './vault/secret-vault.service.js';
export { MicrosoftTokenService } from './tokens/microsoft-token.service.js';
export { MicrosoftAccountNeedsReconnectException } from './tokens/microsoft-token.exception.js';
export { GraphClientFactory } from './graph/graph-client.factory.js';
export { MicrosoftHttpTransport } from './http/microsoft-http-transport.js';
export { registerSharedGraphqlEnums } from './graphql/shared-enums.graphql.js';
