import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SuggestionSourceType {
  MICROSOFT = 'MICROSOFT',
  CRM = 'CRM',
}
registerEnumType(SuggestionSourceType, { name: 'MicrosoftSuggestionSource' });

@ObjectType('MicrosoftRecipientSuggestion')
export class RecipientSuggestionType {
  @Field(() => String) address!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => SuggestionSourceType, { description: "MICROSOFT: ranked by Microsoft's People API; CRM: from the CRM's people only" }) source!: SuggestionSourceType;
  @Field(() => ID, { nullable: true, description: 'The CRM person with this address (the suggestion is a CRM person)' }) personId!: string | null;
}

@ObjectType('MicrosoftRecipientSuggestions')
export class RecipientSuggestionsType {
  @Field(() => [RecipientSuggestionType]) suggestions!: RecipientSuggestionType[];
  @Field(() => Boolean) usedMicrosoftPeople!: boolean;
  @Field(() => String, { nullable: true }) crmOnlyReason!: string | null;
}

@ObjectType('MicrosoftOutOfOfficeNotice')
export class OutOfOfficeNoticeType {
  @Field(() => String) address!: string;
  @Field(() => String, { description: "The automatic reply's text (HTML from Outlook: sanitise before showing)" }) message!: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) startsAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) endsAt!: Date | null;
}

@ObjectType('MicrosoftOutOfOffice')
export class OutOfOfficeType {
  @Field(() => Boolean, { description: 'False when the account did not allow it: no call was made' }) available!: boolean;
  @Field(() => [OutOfOfficeNoticeType], { description: 'Only the addresses with an automatic reply on now' }) notices!: OutOfOfficeNoticeType[];
}
