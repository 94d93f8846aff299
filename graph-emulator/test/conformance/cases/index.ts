import type { ConformanceCase } from '../conformance-case.js';
import { batchCases } from './batch.cases.js';
import { calendarCases } from './calendar.cases.js';
import { contactCases } from './contacts.cases.js';
import { todoCases } from './todo.cases.js';
import { fileCases } from './files.cases.js';
import { identityCases } from './identity.cases.js';
import { mailComposeCases } from './mail-compose.cases.js';
import { mailFolderCases } from './mail-folders.cases.js';
import { mailMessageCases } from './mail-messages.cases.js';
import { meCases } from './me.cases.js';
import { protocolCases } from './protocol.cases.js';
import { schedulingCases } from './scheduling.cases.js';
import { subscriptionCases } from './subscriptions.cases.js';

/** Every conformance case, by area. */
export const CASE_AREAS: Record<string, ConformanceCase[]> = {
  me: meCases,
  'mail folders': mailFolderCases,
  'mail messages': mailMessageCases,
  'mail compose': mailComposeCases,
  calendar: calendarCases,
  scheduling: schedulingCases,
  contacts: contactCases,
  'to do': todoCases,
  files: fileCases,
  subscriptions: subscriptionCases,
  batch: batchCases,
  protocol: protocolCases,
  identity: identityCases,
};

export const ALL_CASES: ConformanceCase[] = Object.values(CASE_AREAS).flat();
