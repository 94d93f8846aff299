import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module.js';
import { PeopleWritesResolver } from './people-writes.resolver.js';
import { PeopleWritesService } from './people-writes.service.js';

@Module({ imports: [RecordsModule], providers: [PeopleWritesService, PeopleWritesResolver] })
export class PeopleWritesModule {}
