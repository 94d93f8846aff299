import { useEffect, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { COMPOSE_CAPABILITIES_QUERY } from '../compose.documents';
import type { ComposeCapability } from '../compose.types';

/** What each of the member's Microsoft accounts allows (sending needs Mail.Send; read/archive Mail.ReadWrite). */
export function useComposeCapabilities(host: FrontHost): ComposeCapability[] | null {
  const [capabilities, setCapabilities] = useState<ComposeCapability[] | null>(null);
  useEffect(() => {
    let live = true;
    host
      .graphql<{ microsoftComposeCapabilities: ComposeCapability[] }>(COMPOSE_CAPABILITIES_QUERY)
      .then((data) => live && setCapabilities(data.microsoftComposeCapabilities))
      .catch(() => live && setCapabilities([]));
    return () => {
      live = false;
    };
  }, [host]);
  return capabilities;
}
