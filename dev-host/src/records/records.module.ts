import { Module } from '@nestjs/common';
import { CompaniesResolver } from './companies.resolver.js';
import { PeopleResolver } from './people.resolver.js';
import { RecordsService } from './records.service.js';

@Module({ providers: [RecordsService, PeopleResolver, CompaniesResolver], exports: [RecordsService] })
export class RecordsModule {}
