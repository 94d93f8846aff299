import { buildClientSchema, getIntrospectionQuery, printType, type GraphQLObjectType, type IntrospectionQuery } from 'graphql';
import { startTestHost, type TestHost } from '../../test-support/index.js';

/** The calendar write contract the Calendar section is built against: changing it breaks the UI. */
describe('Calendar write mutations: the GraphQL contract', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost();
  });

  afterAll(async () => {
    await host?.close();
  });

  it('has the inputs, scope enum, result and mutations the UI uses, and the plugin query of write states', async () => {
    const result = await host.newClient().graphql<IntrospectionQuery>(getIntrospectionQuery({ descriptions: false }));
    const schema = buildClientSchema(result.data!);
    const type = (name: string) => printType(schema.getType(name)!);
    expect(type('CalendarEventInput')).toBe(`input CalendarEventInput {
  attendeeEmails: [String!] = []
  conferenceSolution: String
  description: String
  endsAt: DateTime!
  isFullDay: Boolean = false
  location: String
  startsAt: DateTime!
  timeZone: String!
  title: String!
}`);
    expect(type('CalendarEventPatch')).toBe(`input CalendarEventPatch {
  attendeeEmails: [String!]
  conferenceSolution: String
  description: String
  endsAt: DateTime
  isFullDay: Boolean
  location: String
  startsAt: DateTime
  timeZone: String
  title: String
}`);
    expect(type('CalendarEventEditScope')).toBe('enum CalendarEventEditScope {\n  ALL_EVENTS\n  THIS_EVENT\n}');
    expect(type('CalendarEventWriteResult')).toBe('type CalendarEventWriteResult {\n  id: ID!\n  outboundStatus: String!\n}');
    expect(type('MicrosoftCalendarEventWriteState')).toBe(`type MicrosoftCalendarEventWriteState {
  calendarEventId: ID!
  message: String
  readOnlyReason: String
  status: MicrosoftCalendarEventWriteStatus!
}`);
    expect(type('MicrosoftCalendarEventWriteStatus')).toBe('enum MicrosoftCalendarEventWriteStatus {\n  APPLIED\n  CONFLICT_LOST\n  FAILED\n  PENDING\n}');
    const field = (root: GraphQLObjectType, name: string) => {
      const found = root.getFields()[name]!;
      return `${name}(${found.args.map((arg) => `${arg.name}: ${String(arg.type)}${arg.defaultValue !== undefined ? ` = ${String(arg.defaultValue)}` : ''}`).join(', ')}): ${String(found.type)}`;
    };
    const mutation = schema.getMutationType()!;
    expect(field(mutation, 'createCalendarEvent')).toBe('createCalendarEvent(calendarChannelId: ID!, calendarExternalId: String, input: CalendarEventInput!): CalendarEventWriteResult!');
    // The schema is printed sorted (arguments too); arguments are passed by name, so their order is no part of the contract.
    expect(field(mutation, 'updateCalendarEvent')).toBe('updateCalendarEvent(id: ID!, patch: CalendarEventPatch!, scope: CalendarEventEditScope = THIS_EVENT): CalendarEventWriteResult!');
    expect(field(mutation, 'deleteCalendarEvent')).toBe('deleteCalendarEvent(id: ID!, scope: CalendarEventEditScope = THIS_EVENT): Boolean!');
    expect(field(schema.getQueryType()!, 'microsoftCalendarEventWriteStates')).toBe('microsoftCalendarEventWriteStates(calendarEventIds: [ID!]!): [MicrosoftCalendarEventWriteState!]!');
  });
});
