/** What a plugin declares to its host; `plugin-manifest.schema.json` beside this file is its JSON Schema. */
export interface PluginManifest {
  name: string;
  version: string;
  displayName: string;
  description: string;
  server: { entry: string; module: string };
  front: { entry: string; contributions: PluginFrontContribution[] };
  scopes: { required: string[]; optional: string[]; adminConsent: string[] };
  routes: PluginRoute[];
  queues: string[];
  jobs: Array<{ queue: string; name: string }>;
  crons: Array<{ queue: string; name: string; pattern: string }>;
  settingsPages: Array<{ path: string; title: string }>;
  env: PluginEnvVar[];
  migrations: { entry: string };
}

export interface PluginRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  purpose: string;
}

export interface PluginFrontContribution {
  slot: 'settings-page' | 'record-action' | 'record-badge' | 'record-panel' | 'record-tab' | 'thread-action' | 'task-action';
  id: string;
  objects?: string[];
}

export interface PluginEnvVar {
  name: string;
  required: boolean;
  secret: boolean;
  default?: string;
  description: string;
}
