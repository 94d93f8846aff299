export * from './config/microsoft-plugin-config.js';
export * from './microsoft.module.js';
