import { useState } from 'react';
import { COMPANY_QUERY, PERSON_QUERY } from '../api/host.documents';
import type { Company, Person, RecordObjectName } from '../api/host.types';
import { useQuery } from '../api/use-query';
import { CalendarTab } from '../calendar/CalendarTab';
import { EmailsTab } from '../emails/EmailsTab';
import { ExtensionBoundary, RecordSlot } from '../extensions/RecordSlot';
import { extensionRegistry } from '../extensions/installed-plugins';
import { shellHost } from '../extensions/shell-host';
import { Link } from '../router/Link';
import { TaskList } from '../tasks/TaskList';
import { TimelineTab } from '../timeline/TimelineTab';
import { Avatar } from '../ui/Avatar';
import { RecordFields } from './RecordFields';

const TABS = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'emails', label: 'Emails' },
  { id: 'calendar', label: 'Calendar' },
  { id: 'tasks', label: 'Tasks' },
] as const;
type TabId = (typeof TABS)[number]['id'] | `plugin:${string}`;

/** A person or company: fields and plugin panels on the left, the activity tabs on the right. */
export function RecordPage({ objectName, recordId }: { objectName: RecordObjectName; recordId: string }) {
  const [tab, setTab] = useState<TabId>('timeline');
  const { data, loading } = useQuery<{ person?: Person | null; company?: Company | null }>(objectName === 'person' ? PERSON_QUERY : COMPANY_QUERY, { id: recordId });
  const record = objectName === 'person' ? data?.person : data?.company;
  const name = !record ? '' : 'domainName' in record ? record.name : `${record.name.firstName} ${record.name.lastName}`.trim();
  const listHref = objectName === 'person' ? '/people' : '/companies';
  const pluginTabs = extensionRegistry.forRecord('record-tab', objectName);
  const openPluginTab = pluginTabs.find((each) => tab === `plugin:${each.id}`);

  if (!loading && !record) return <div className="page page-padded">This record does not exist or was deleted.</div>;
  return (
    <div className="page" data-testid="record-page" data-object={objectName}>
      <header className="page-header">
        <div className="breadcrumb">
          <Link href={listHref}>{objectName === 'person' ? 'People' : 'Companies'}</Link>
          <span className="breadcrumb-separator">/</span>
          <span>{name}</span>
        </div>
        <RecordSlot slot="record-action" objectName={objectName} recordId={recordId} className="record-actions" />
      </header>
      <div className="record-layout">
        <aside className="record-summary">
          <div className="record-identity">
            <Avatar name={name || '?'} size={40} square={objectName === 'company'} />
            <h1 data-testid="record-name">{name}</h1>
            <RecordSlot slot="record-badge" objectName={objectName} recordId={recordId} className="record-badges" />
          </div>
          {record && <RecordFields objectName={objectName} record={record} />}
          <RecordSlot slot="record-panel" objectName={objectName} recordId={recordId} className="record-panels" />
        </aside>
        <section className="record-tabs">
          <div className="tab-list" role="tablist">
            {TABS.map((each) => (
              <button
                key={each.id}
                type="button"
                role="tab"
                aria-selected={tab === each.id}
                className={`tab${tab === each.id ? ' is-active' : ''}`}
                onClick={() => setTab(each.id)}
                data-testid={`tab-${each.id}`}
              >
                {each.label}
              </button>
            ))}
            {pluginTabs.map((each) => (
              <button
                key={each.id}
                type="button"
                role="tab"
                aria-selected={tab === `plugin:${each.id}`}
                className={`tab${tab === `plugin:${each.id}` ? ' is-active' : ''}`}
                onClick={() => setTab(`plugin:${each.id}`)}
                data-testid={`tab-${(each.title ?? each.id).toLowerCase()}`}
              >
                {each.title ?? each.id}
              </button>
            ))}
          </div>
          <div className="tab-panel" role="tabpanel">
            {tab === 'timeline' && <TimelineTab objectName={objectName} recordId={recordId} />}
            {tab === 'emails' && <EmailsTab objectName={objectName} recordId={recordId} />}
            {tab === 'calendar' && <CalendarTab objectName={objectName} recordId={recordId} />}
            {tab === 'tasks' && (
              <TaskList
                {...(objectName === 'person' ? { personId: recordId } : { companyId: recordId })}
                emptyText={`Tasks about ${objectName === 'person' ? 'this person' : 'this company'} appear here.`}
              />
            )}
            {openPluginTab && (
              <ExtensionBoundary id={openPluginTab.id}>
                <openPluginTab.component host={shellHost} objectName={objectName} recordId={recordId} />
              </ExtensionBoundary>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
