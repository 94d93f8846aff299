import { featureGrants, normalizeScopes, MicrosoftFeature, OPTIONAL_GRAPH_SCOPES } from '@m365/shared-types';

describe('scope to feature mapping', () => {
  it('normalises Graph resource prefixes and casing', () => {
    expect(normalizeScopes(['https://graph.microsoft.com/mail.readwrite', 'User.Read', 'user.read'])).toEqual(['Mail.ReadWrite', 'User.Read']);
  });

  it('grants a feature only when every scope it needs is granted', () => {
    const grants = featureGrants(['Mail.ReadWrite', 'Calendars.ReadWrite']);
    const byFeature = Object.fromEntries(grants.map((grant) => [grant.feature, grant]));
    expect(byFeature[MicrosoftFeature.MAIL_IMPORT].granted).toBe(true);
    expect(byFeature[MicrosoftFeature.MAIL_SEND]).toEqual({ feature: MicrosoftFeature.MAIL_SEND, granted: false, missingScopes: ['Mail.Send'] });
    expect(byFeature[MicrosoftFeature.TEAMS_MEETINGS].missingScopes).toEqual(['OnlineMeetings.ReadWrite']);
  });

  it('never asks for admin-consent scopes at user sign-in', () => {
    expect(OPTIONAL_GRAPH_SCOPES).not.toContain('Sites.Read.All');
    expect(OPTIONAL_GRAPH_SCOPES).toContain('Mail.Send');
  });
});
