import { Inject } from '@nestjs/common';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { HOST_MEMBER_CONTEXT, type HostMemberContext } from '@m365/shared-types';
import { requireMember, type GraphqlRequestContext } from '../../graphql/current-member.resolver-util.js';
import { ComposeException } from '../compose.exception.js';
import { OutOfOfficeService } from './out-of-office.service.js';
import { RecipientSuggestionsService } from './recipient-suggestions.service.js';
import { OutOfOfficeType, RecipientSuggestionsType, SuggestionSourceType } from './recipients.graphql.js';

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ComposeException) throw new GraphQLError(error.message, { extensions: { code: error.code, userError: true } });
    throw error;
  }
}

/** Recipient suggestions and out-of-office notices, from the caller's own connected account only. */
@Resolver()
export class RecipientsResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(RecipientSuggestionsService) private readonly suggestions: RecipientSuggestionsService,
    @Inject(OutOfOfficeService) private readonly outOfOffice: OutOfOfficeService,
  ) {}

  @Query(() => RecipientSuggestionsType, { description: "To / Cc / Bcc suggestions: Microsoft's People (with People.Read) merged with CRM people" })
  async microsoftRecipientSuggestions(
    @Context() context: GraphqlRequestContext,
    @Args('search', { type: () => String }) search: string,
    @Args('connectedAccountId', { type: () => ID, nullable: true }) connectedAccountId?: string | null,
  ): Promise<RecipientSuggestionsType> {
    const member = await requireMember(this.members, context);
    return answer(async () => {
      const result = await this.suggestions.suggest(member, search, connectedAccountId);
      return { ...result, suggestions: result.suggestions.map((suggestion) => ({ ...suggestion, source: SuggestionSourceType[suggestion.source] })) };
    });
  }

  @Query(() => OutOfOfficeType, { description: 'Who among these addresses has an automatic reply on (getMailTips, cached for minutes)' })
  async microsoftOutOfOffice(
    @Context() context: GraphqlRequestContext,
    @Args('addresses', { type: () => [String] }) addresses: string[],
    @Args('connectedAccountId', { type: () => ID, nullable: true }) connectedAccountId?: string | null,
  ): Promise<OutOfOfficeType> {
    const member = await requireMember(this.members, context);
    return answer(() => this.outOfOffice.forAddresses(member, addresses, connectedAccountId));
  }

  @Query(() => OutOfOfficeType)
  async microsoftPersonOutOfOffice(@Context() context: GraphqlRequestContext, @Args('personId', { type: () => ID }) personId: string): Promise<OutOfOfficeType> {
    const member = await requireMember(this.members, context);
    return answer(() => this.outOfOffice.forPerson(member, personId));
  }

  @Query(() => OutOfOfficeType)
  async microsoftThreadOutOfOffice(@Context() context: GraphqlRequestContext, @Args('messageThreadId', { type: () => ID }) messageThreadId: string): Promise<OutOfOfficeType> {
    const member = await requireMember(this.members, context);
    return answer(() => this.outOfOffice.forThread(member, messageThreadId));
  }
}
