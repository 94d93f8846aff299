import type { EmulatorStore } from '../store/emulator-store.js';
import type { UserRecord } from '../store/emulator-records.js';
import { createTask } from '../todo/task-writes.js';

export interface DemoTodoResult {
  user: string;
  lists: number;
  tasks: number;
}

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => ({ dateTime: `${new Date(ms).toISOString().slice(0, 10)}T00:00:00`, timeZone: 'UTC' });

/**
 * A demo user's To Do around `today`: errands in "Tasks" (one done, one overdue, one with a reminder), and a
 * "Customer follow-ups" list whose tasks link back to a web page as a CRM would link its records.
 */
export function seedDemoTodo(store: EmulatorStore, user: UserRecord, today = Date.now()): DemoTodoResult {
  const todo = store.todo;
  const tasks = todo.defaultList(user.id);
  let made = 0;
  const add = (listId: string, body: Record<string, unknown>) => {
    createTask(store, user.id, listId, body);
    made += 1;
  };
  add(tasks.id, { title: 'Book travel for the trade fair', dueDateTime: utcDay(today + 3 * DAY_MS), importance: 'high' });
  add(tasks.id, { title: 'Submit expense report', dueDateTime: utcDay(today - 2 * DAY_MS), body: { content: 'Receipts are in the shared folder.', contentType: 'text' } });
  add(tasks.id, { title: 'Renew parking permit', status: 'completed' });
  add(tasks.id, { title: 'Prepare quarterly review slides', status: 'inProgress', isReminderOn: true, reminderDateTime: { dateTime: `${new Date(today + DAY_MS).toISOString().slice(0, 10)}T08:00:00`, timeZone: 'UTC' }, categories: ['Work'] });
  let lists = 2;
  let followUps = todo.listLists(user.id).find((list) => list.displayName === 'Customer follow-ups');
  if (!followUps) {
    followUps = todo.addList(user.id, 'Customer follow-ups');
    lists += 1;
  }
  add(followUps.id, {
    title: 'Send the renewal quote to Fabrikam', dueDateTime: utcDay(today + 5 * DAY_MS),
    linkedResources: [{ webUrl: 'https://www.fabrikam.com/', applicationName: 'Fabrikam portal', displayName: 'Fabrikam account' }],
  });
  add(followUps.id, { title: 'Call Northwind Traders about the pilot', status: 'waitingOnOthers' });
  add(followUps.id, { title: 'Check in with Litware after onboarding', status: 'deferred', importance: 'low' });
  return { user: user.userPrincipalName, lists, tasks: made };
}

/** The demo To Do for every demo user (work and personal accounts alike). */
export function seedDemoTodos(store: EmulatorStore, today = Date.now()): DemoTodoResult[] {
  return store.listUsers().map((user) => seedDemoTodo(store, user, today));
}
