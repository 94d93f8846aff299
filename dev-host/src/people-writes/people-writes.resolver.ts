import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { CurrentMember } from '../auth/current-member.decorator.js';
import { SignedInGuard } from '../auth/signed-in.guard.js';
import { PersonModel } from '../records/person.model.js';
import { RecordsService } from '../records/records.service.js';
import { PersonPatch } from './person-write.graphql.js';
import { PeopleWritesService } from './people-writes.service.js';

@Resolver()
@UseGuards(SignedInGuard)
export class PeopleWritesResolver {
  constructor(
    private readonly writes: PeopleWritesService,
    private readonly records: RecordsService,
  ) {}

  @Mutation(() => PersonModel)
  async updatePerson(@CurrentMember() member: WorkspaceMemberRef, @Args('id', { type: () => ID }) id: string, @Args('patch', { type: () => PersonPatch }) patch: PersonPatch): Promise<PersonModel> {
    await this.writes.update(member, id, patch);
    return PersonModel.from((await this.records.findPerson(member.workspaceId, id))!);
  }

  @Mutation(() => Boolean)
  async deletePerson(@CurrentMember() member: WorkspaceMemberRef, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.writes.remove(member, id);
    return true;
  }
}
