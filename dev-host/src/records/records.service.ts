import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { CompanyEntity } from '../database/entities/company.entity.js';
import { PersonEntity } from '../database/entities/person.entity.js';
import { likePattern, toLimitOffset, type SearchPagingArgs } from './paging.args.js';

/** People and companies of one workspace; every read is scoped by workspaceId. */
@Injectable()
export class RecordsService {
  constructor(private readonly dataSource: DataSource) {}

  async findPeople(workspaceId: string, args: SearchPagingArgs): Promise<{ totalCount: number; items: PersonEntity[] }> {
    const { limit, offset } = toLimitOffset(args);
    const query = this.dataSource.getRepository(PersonEntity).createQueryBuilder('person').where('person.workspaceId = :workspaceId', { workspaceId });
    if (args.search?.trim()) {
      query.andWhere(
        `(person.nameFirstName || ' ' || person.nameLastName ILIKE :pattern OR person.emailsPrimaryEmail ILIKE :pattern OR person.jobTitle ILIKE :pattern)`,
        { pattern: likePattern(args.search.trim()) },
      );
    }
    const [items, totalCount] = await query.orderBy('person.nameLastName').addOrderBy('person.nameFirstName').addOrderBy('person.id').take(limit).skip(offset).getManyAndCount();
    return { totalCount, items };
  }

  async findCompanies(workspaceId: string, args: SearchPagingArgs): Promise<{ totalCount: number; items: CompanyEntity[] }> {
    const { limit, offset } = toLimitOffset(args);
    const query = this.dataSource.getRepository(CompanyEntity).createQueryBuilder('company').where('company.workspaceId = :workspaceId', { workspaceId });
    if (args.search?.trim()) {
      query.andWhere('(company.name ILIKE :pattern OR company.domainName ILIKE :pattern)', { pattern: likePattern(args.search.trim()) });
    }
    const [items, totalCount] = await query.orderBy('company.name').addOrderBy('company.id').take(limit).skip(offset).getManyAndCount();
    return { totalCount, items };
  }

  findPerson(workspaceId: string, id: string): Promise<PersonEntity | null> {
    return this.dataSource.getRepository(PersonEntity).findOneBy({ workspaceId, id, deletedAt: IsNull() });
  }

  findCompany(workspaceId: string, id: string): Promise<CompanyEntity | null> {
    return this.dataSource.getRepository(CompanyEntity).findOneBy({ workspaceId, id, deletedAt: IsNull() });
  }

  findCompanyPeople(workspaceId: string, companyId: string): Promise<PersonEntity[]> {
    return this.dataSource.getRepository(PersonEntity).find({
      where: { workspaceId, companyId, deletedAt: IsNull() },
      order: { nameLastName: 'ASC', nameFirstName: 'ASC' },
    });
  }
}
