import { actorFor, writeAtPath } from '../files/file-writes.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { UserRecord } from '../store/emulator-records.js';

export interface DemoFilesResult {
  user: string;
  driveType: string;
  items: number;
  /** The SharePoint site made for the user's tenant, when this call made it. */
  site?: string;
}

const text = (value: string) => Buffer.from(value, 'utf8');

// Placeholder bytes: the emulator stores what it is given; the names carry the types.
const ONEDRIVE: [string, Buffer | 'folder'][] = [
  ['/Proposals/Fabrikam renewal proposal.docx', text('Fabrikam renewal: 120 seats, three-year term, 8% discount.')],
  ['/Proposals/Northwind pilot quote.xlsx', text('Item,Seats,Price\nPilot,25,4500\n')],
  ['/Proposals/Archive', 'folder'],
  ['/Contracts/Litware master agreement.pdf', text('%PDF-1.4 Litware master services agreement (demo)')],
  ['/Meeting notes.txt', text('Call Fabrikam about the renewal before Friday. Northwind wants a pilot in March.')],
  ['/Pictures', 'folder'],
];

const SITE_FILES: [string, Buffer | 'folder'][] = [
  ['/Price lists/2026 price list.xlsx', text('Product,Price\nStandard,30\nPremium,55\n')],
  ['/Customer contracts/Fabrikam contract.pdf', text('%PDF-1.4 Fabrikam contract (demo)')],
  ['/Customer contracts/Northwind NDA.pdf', text('%PDF-1.4 Northwind NDA (demo)')],
  ['/Sales playbook.docx', text('How we run discovery calls, demos and renewals.')],
];

/**
 * A demo user's OneDrive (personal for the outlook.com account, business for work ones): proposals, contracts and
 * notes in folders. For a work account, the tenant also gets a "Sales" SharePoint site (once) with a document
 * library of price lists and customer contracts.
 */
export function seedDemoFiles(store: EmulatorStore, user: UserRecord): DemoFilesResult {
  const drive = store.files.userDrive(user.id);
  const by = actorFor(store, drive, user.id);
  for (const [path, content] of ONEDRIVE) writeAtPath(store, drive, path, content, by);
  const result: DemoFilesResult = { user: user.userPrincipalName, driveType: drive.driveType, items: ONEDRIVE.length };
  const tenant = store.findTenant(user.tenantId);
  if (tenant?.kind === 'organization' && !store.files.findSite(tenant.id, 'Sales')) {
    const site = store.files.addSite(tenant.id, {
      name: 'Sales', displayName: 'Sales team', description: `${tenant.displayName} sales: proposals, price lists and customer contracts`,
    });
    const library = store.files.getDrive(site.driveIds[0]!)!;
    const system = actorFor(store, library, user.id);
    for (const [path, content] of SITE_FILES) writeAtPath(store, library, path, content, system);
    result.site = site.id;
  }
  return result;
}

/** The demo files for every demo user. */
export function seedDemoFileDrives(store: EmulatorStore): DemoFilesResult[] {
  return store.listUsers().map((user) => seedDemoFiles(store, user));
}
