import { UseGuards } from '@nestjs/common';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { CurrentMember } from '../auth/current-member.decorator.js';
import { SignedInGuard } from '../auth/signed-in.guard.js';
import { CompanyModel } from './company.model.js';
import { SearchPagingArgs } from './paging.args.js';
import { PersonListModel, PersonModel } from './person.model.js';
import { RecordsService } from './records.service.js';
import { isUuid } from './uuid.util.js';

@Resolver(() => PersonModel)
@UseGuards(SignedInGuard)
export class PeopleResolver {
  constructor(private readonly records: RecordsService) {}

  @Query(() => PersonListModel)
  async people(@CurrentMember() member: WorkspaceMemberRef, @Args() args: SearchPagingArgs): Promise<PersonListModel> {
    const { totalCount, items } = await this.records.findPeople(member.workspaceId, args);
    return { totalCount, people: items.map(PersonModel.from) };
  }

  @Query(() => PersonModel, { nullable: true })
  async person(@CurrentMember() member: WorkspaceMemberRef, @Args('id', { type: () => ID }) id: string): Promise<PersonModel | null> {
    const person = isUuid(id) ? await this.records.findPerson(member.workspaceId, id) : null;
    return person && PersonModel.from(person);
  }

  @ResolveField(() => CompanyModel, { nullable: true })
  async company(@CurrentMember() member: WorkspaceMemberRef, @Parent() person: PersonModel): Promise<CompanyModel | null> {
    const company = person.companyId ? await this.records.findCompany(member.workspaceId, person.companyId) : null;
    return company && CompanyModel.from(company);
  }
}
