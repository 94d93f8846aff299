export { microsoftPluginFront } from './plugin-front/plugin-front';
export type * from './plugin-front/plugin-front.types';
