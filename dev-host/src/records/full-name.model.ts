import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('FullName')
export class FullName {
  @Field(() => String)
  firstName!: string;

  @Field(() => String)
  lastName!: string;
}
