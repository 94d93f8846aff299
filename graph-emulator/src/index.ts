export { startGraphEmulator } from './server.js';
export type { GraphEmulatorOptions, RunningGraphEmulator } from './server.js';
export type { EmulatorStore } from './store/emulator-store.js';
export { InMemoryEmulatorStore, DEFAULT_CONFIG } from './store/in-memory-emulator-store.js';
export type * from './store/emulator-records.js';
export { DEMO_TENANTS, DEMO_USERS, DEMO_APP, CONTOSO_TENANT_ID, FABRIKAM_TENANT_ID } from './seed/demo-tenants.js';
export { DEMO_DIRECTORY } from './seed/demo-directory.js';
export type { DemoCompany, DemoPerson, DemoDirectory } from './seed/demo-directory.js';
export { GRAPH_RESOURCE_APP_ID } from './tokens/token-format.js';
