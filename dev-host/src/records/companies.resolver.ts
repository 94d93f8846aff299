import { UseGuards } from '@nestjs/common';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { CurrentMember } from '../auth/current-member.decorator.js';
import { SignedInGuard } from '../auth/signed-in.guard.js';
import { CompanyListModel, CompanyModel } from './company.model.js';
import { SearchPagingArgs } from './paging.args.js';
import { PersonModel } from './person.model.js';
import { RecordsService } from './records.service.js';
import { isUuid } from './uuid.util.js';

@Resolver(() => CompanyModel)
@UseGuards(SignedInGuard)
export class CompaniesResolver {
  constructor(private readonly records: RecordsService) {}

  @Query(() => CompanyListModel)
  async companies(@CurrentMember() member: WorkspaceMemberRef, @Args() args: SearchPagingArgs): Promise<CompanyListModel> {
    const { totalCount, items } = await this.records.findCompanies(member.workspaceId, args);
    return { totalCount, companies: items.map(CompanyModel.from) };
  }

  @Query(() => CompanyModel, { nullable: true })
  async company(@CurrentMember() member: WorkspaceMemberRef, @Args('id', { type: () => ID }) id: string): Promise<CompanyModel | null> {
    const company = isUuid(id) ? await this.records.findCompany(member.workspaceId, id) : null;
    return company && CompanyModel.from(company);
  }

  @ResolveField(() => [PersonModel])
  async people(@CurrentMember() member: WorkspaceMemberRef, @Parent() company: CompanyModel): Promise<PersonModel[]> {
    return (await this.records.findCompanyPeople(member.workspaceId, company.id)).map(PersonModel.from);
  }
}
