import type { Company, Person, RecordObjectName } from '../api/host.types';
import { Link } from '../router/Link';

export function RecordFields({ objectName, record }: { objectName: RecordObjectName; record: Person | Company }) {
  const fields =
    objectName === 'person'
      ? personFields(record as Person)
      : [
          { label: 'Domain', value: (record as Company).domainName },
          { label: 'People', value: String((record as Company).people?.length ?? 0) },
          { label: 'Created', value: new Date(record.createdAt).toLocaleDateString() },
        ];
  return (
    <dl className="record-fields">
      {fields.map((field) => (
        <div key={field.label} className="record-field" data-testid={`record-field-${field.label.toLowerCase().replace(/\s+/g, '-')}`}>
          <dt>{field.label}</dt>
          <dd>{field.value || <span className="muted">Empty</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

function personFields(person: Person) {
  return [
    { label: 'Emails', value: person.emails.primaryEmail },
    { label: 'Phones', value: [person.phones?.primaryPhoneNumber, ...(person.phones?.additionalPhones ?? [])].filter(Boolean).join(', ') },
    { label: 'Company', value: person.company && <Link href={`/companies/${person.company.id}`}>{person.company.name}</Link> },
    { label: 'Job title', value: person.jobTitle },
    { label: 'City', value: person.city },
    { label: 'Created', value: new Date(person.createdAt).toLocaleDateString() },
  ];
}
