import type { Provider } from '@nestjs/common';
import { DriveBrowserService } from './drive-browser.service.js';
import { DriveUploadController } from './drive-upload.controller.js';
import { DriveUploadService } from './drive-upload.service.js';
import { FileLinkRepository } from './file-link.repository.js';
import { FilesAccessService } from './files-access.service.js';
import { FilesGraphFactory } from './files-graph.factory.js';
import { FilesResolver, MicrosoftAccountFilesResolver } from './files.resolver.js';
import { RecordFilesService } from './record-files.service.js';
import { SharePointConsentService } from './sharepoint-consent.service.js';
import { TenantAdminConsentRepository } from './tenant-admin-consent.repository.js';
import { TenantAdminRoleService } from './tenant-admin-role.service.js';

/** Files on records and SharePoint for the org, as the module registers them. */
export const filesProviders: Provider[] = [
  FileLinkRepository,
  TenantAdminConsentRepository,
  FilesGraphFactory,
  FilesAccessService,
  RecordFilesService,
  DriveBrowserService,
  DriveUploadService,
  TenantAdminRoleService,
  SharePointConsentService,
  FilesResolver,
  MicrosoftAccountFilesResolver,
];

export const filesControllers = [DriveUploadController];
