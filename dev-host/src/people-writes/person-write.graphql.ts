import { Field, InputType } from '@nestjs/graphql';

@InputType({ description: 'The fields to change; those left out stay as they are' })
export class PersonPatch {
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => [String], { nullable: true, description: 'Every email, the primary first' }) emails?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Every phone number, the primary first' }) phones?: string[] | null;
  @Field(() => String, { nullable: true }) jobTitle?: string | null;
  @Field(() => String, { nullable: true, description: 'The company; an empty string removes it' }) companyId?: string | null;
}
