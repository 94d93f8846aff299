/** The dev host's demo sign-ins. Public on purpose: this is a local demo workspace, never a deployment. */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_WORKSPACE_NAME = 'Demo Workspace';

export const DEMO_MEMBERS = [
  { firstName: 'Megan', lastName: 'Bowen', email: 'megan.bowen@contoso.com' },
  { firstName: 'Alex', lastName: 'Wilber', email: 'alex.wilber@contoso.com' },
] as const;
