import { MicrosoftAccountType, MicrosoftFeature, OPTIONAL_GRAPH_SCOPES } from '@m365/shared-types';
import { featureRows, featureStateLabel, missingScopesOf } from '../src/accounts/feature-rows';

const ALL = ['openid', 'profile', 'email', 'offline_access', 'User.Read', ...OPTIONAL_GRAPH_SCOPES];

describe('featureRows', () => {
  it('lists the nine member-grantable features, all granted when every optional scope was', () => {
    const rows = featureRows(ALL, MicrosoftAccountType.WORK_OR_SCHOOL);
    expect(rows.map((row) => row.label)).toEqual([
      'Mail', 'Send mail', 'Calendar', 'Teams meetings', 'Contacts', 'People suggestions', 'Out of office', 'To Do', 'Files',
    ]);
    expect(rows.every((row) => row.granted && row.missingScopes.length === 0)).toBe(true);
  });

  it('marks the feature of a declined scope as not granted, with the scope to grant', () => {
    const rows = featureRows(ALL.filter((scope) => scope !== 'Contacts.ReadWrite'), MicrosoftAccountType.WORK_OR_SCHOOL);
    const contacts = rows.find((row) => row.feature === MicrosoftFeature.CONTACTS)!;
    expect(contacts).toMatchObject({ granted: false, missingScopes: ['Contacts.ReadWrite'] });
    expect(rows.filter((row) => !row.granted)).toHaveLength(1);
  });

  it('needs every scope of a feature: sending mail without Mail.Send is not granted, reading mail still is', () => {
    const rows = featureRows(['User.Read', 'Mail.ReadWrite'], MicrosoftAccountType.WORK_OR_SCHOOL);
    expect(rows.find((row) => row.feature === MicrosoftFeature.MAIL_IMPORT)!.granted).toBe(true);
    expect(rows.find((row) => row.feature === MicrosoftFeature.MAIL_SEND)).toMatchObject({ granted: false, missingScopes: ['Mail.Send'] });
  });

  it('accepts scopes in Graph resource form and any case', () => {
    const rows = featureRows(['https://graph.microsoft.com/Tasks.ReadWrite', 'files.readwrite'], MicrosoftAccountType.WORK_OR_SCHOOL);
    expect(rows.find((row) => row.feature === MicrosoftFeature.TODO)!.granted).toBe(true);
    expect(rows.find((row) => row.feature === MicrosoftFeature.FILES)!.granted).toBe(true);
  });

  it('says Teams meetings are unavailable on personal accounts instead of offering to grant them', () => {
    const teams = featureRows(ALL, MicrosoftAccountType.PERSONAL).find((row) => row.feature === MicrosoftFeature.TEAMS_MEETINGS)!;
    expect(teams).toMatchObject({ granted: false, missingScopes: [], unavailableReason: 'Teams meetings need a work or school account' });
  });

  it('collects the missing scopes of all rows once, for one reconnect', () => {
    const rows = featureRows(['User.Read'], MicrosoftAccountType.WORK_OR_SCHOOL);
    expect(missingScopesOf(rows)).toEqual([...new Set(OPTIONAL_GRAPH_SCOPES)].sort());
  });
});

describe('featureStateLabel', () => {
  const rowOf = (scopes: string[], feature: MicrosoftFeature) => featureRows(scopes, MicrosoftAccountType.WORK_OR_SCHOOL).find((row) => row.feature === feature)!;

  it('says a feature whose channel exists but whose scope is gone was withdrawn at Microsoft, and a never-granted one is not granted', () => {
    const withoutCalendar = ALL.filter((scope) => scope !== 'Calendars.ReadWrite');
    expect(featureStateLabel(rowOf(withoutCalendar, MicrosoftFeature.CALENDAR), true)).toBe('Access withdrawn at Microsoft');
    expect(featureStateLabel(rowOf(withoutCalendar, MicrosoftFeature.CALENDAR), false)).toBe('Not granted');
    expect(featureStateLabel(rowOf(ALL, MicrosoftFeature.CALENDAR), true)).toBe('Granted');
    expect(featureStateLabel(featureRows(ALL, MicrosoftAccountType.PERSONAL).find((row) => row.feature === MicrosoftFeature.TEAMS_MEETINGS)!, false)).toBe('Teams meetings need a work or school account');
  });
});
