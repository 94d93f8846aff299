/** Nest injection tokens under which a host provides its ports to the plugin's module. */
export const HOST_JOB_SYSTEM = 'M365_HOST_JOB_SYSTEM';
export const HOST_MEMBER_CONTEXT = 'M365_HOST_MEMBER_CONTEXT';
