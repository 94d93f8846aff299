import { microsoftPluginFront } from '@m365/front-module';
import { createExtensionRegistry } from './extension-registry';
import type { FrontPlugin } from './front-extension.types';

/** The plugins this host runs, each one's front module as its manifest's `front.entry` names it. */
const INSTALLED_PLUGINS: FrontPlugin[] = [microsoftPluginFront];

export const extensionRegistry = createExtensionRegistry(INSTALLED_PLUGINS);
